-- fogline store, version 5: each article's record compressed on its own (zstd, a BLOB; store/records.py).
-- DuckDB compressed the JSON column a vector (2,048 records) at a time, so reading any record decompressed
-- 2,048 of them at once and an export's memory grew with the store. fogline_pack_record is the Python
-- compressor the migration runs with (store/records.register_pack).
ALTER TABLE documents ALTER COLUMN record TYPE BLOB USING fogline_pack_record(CAST(record AS VARCHAR));
ALTER TABLE documents RENAME COLUMN record TO record_zst;
