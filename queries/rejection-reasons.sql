-- title: Rejections per batch and reason
-- description: How many rows each load rejected and why, with an example value per reason: the quick check after a load.
SELECT r.batch_id, b.file_name, r.reason, count(*) AS rows_rejected,
       min(r.raw_value) AS example_value, min(r.line_number) AS first_line
FROM load_rejected_row r
LEFT JOIN load_batch b ON b.batch_id = r.batch_id
GROUP BY r.batch_id, b.file_name, r.reason
ORDER BY r.batch_id DESC, rows_rejected DESC
