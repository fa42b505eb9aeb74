-- fogline store, version 7: the corpus stage's incidents and reports without primary-key indexes, and the
-- incident record as plain text. The stage makes each incident id and each report once
-- (``store.corpus.write_batch`` deletes what it replaces) and nothing looks rows up through those indexes, but
-- DuckDB kept them up to date on every insert and wrote them out at every checkpoint; a JSON column parsed
-- every record written again to validate it (the stage writes records that ``orjson`` made; about half the
-- insert's time). Together ~0.6 s of the writer's ~3.5 s of writes at 25,000 articles. DuckDB cannot drop a
-- primary key, so the tables are made again with the same columns and rows, in the same order.
CREATE TABLE incidents_v7 (
    incident_id         VARCHAR NOT NULL,
    event_type          VARCHAR NOT NULL,
    sub_event_type      VARCHAR NOT NULL,
    event_date          VARCHAR,
    date_end            VARCHAR,
    location            VARCHAR,
    latitude            DOUBLE,
    longitude           DOUBLE,
    geo_precision       INTEGER,
    country             VARCHAR,
    admin1              VARCHAR,
    admin2              VARCHAR,
    fatalities_low      BIGINT,
    fatalities_best     BIGINT,
    fatalities_high     BIGINT,
    n_reports           INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    contested           BOOLEAN NOT NULL,
    satire_only         BOOLEAN NOT NULL,
    confidence          DOUBLE NOT NULL,
    fingerprint         VARCHAR NOT NULL,
    record              VARCHAR NOT NULL
);
INSERT INTO incidents_v7 SELECT * FROM incidents ORDER BY rowid;
DROP TABLE incidents;
ALTER TABLE incidents_v7 RENAME TO incidents;

CREATE TABLE incident_reports_v7 (
    event_id    VARCHAR NOT NULL,
    incident_id VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL
);
INSERT INTO incident_reports_v7 SELECT * FROM incident_reports ORDER BY rowid;
DROP TABLE incident_reports;
ALTER TABLE incident_reports_v7 RENAME TO incident_reports;
