-- title: Rejected source rows
-- description: Rows a load could not use (unknown area, text in a number column, unknown theme), with file, line, column, the offending value and the reason, so they can be fixed at the source.
-- param: batch INTEGER = null | Batch id; null = all batches
-- param: limit INTEGER = 1000 | Rows shown
SELECT r.batch_id, b.file_name, r.line_number, r.column_name, r.raw_value, r.reason, r.raw_text
FROM load_rejected_row r
LEFT JOIN load_batch b ON b.batch_id = r.batch_id
WHERE $batch IS NULL OR r.batch_id = $batch
ORDER BY r.batch_id DESC, r.line_number
LIMIT $limit
