-- title: Load history
-- description: Every loaded source file, newest first: layout, source table, rows read, loaded and rejected, duration, status and which batch replaced it.
-- param: status VARCHAR = null | Only batches with this status (loaded, replaced, reference); null = all
-- param: limit INTEGER = 100 | Number of batches
SELECT batch_id, file_name, layout, source_table, release_label, rows_read, rows_loaded, rows_rejected,
       started_at, finished_at,
       round(epoch(finished_at) - epoch(started_at), 2) AS seconds,
       status, replaced_by, left(file_sha256, 12) AS sha256_prefix, message
FROM load_batch
WHERE $status IS NULL OR status = $status
ORDER BY batch_id DESC
LIMIT $limit
