-- fogline store, version 3: every figure column 64-bit (a figure above 2^31 once stopped a batch).
ALTER TABLE events ALTER COLUMN fatalities TYPE BIGINT;
ALTER TABLE events ALTER COLUMN injured TYPE BIGINT;
ALTER TABLE claims ALTER COLUMN fatalities TYPE BIGINT;
ALTER TABLE claims ALTER COLUMN injured TYPE BIGINT;
ALTER TABLE incidents ALTER COLUMN fatalities_low TYPE BIGINT;
ALTER TABLE incidents ALTER COLUMN fatalities_best TYPE BIGINT;
ALTER TABLE incidents ALTER COLUMN fatalities_high TYPE BIGINT;
