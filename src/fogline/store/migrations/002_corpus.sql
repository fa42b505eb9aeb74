-- fogline store, version 2: the corpus layer (near-duplicates and incidents).
CREATE TABLE corpus_signatures (
    doc_id     VARCHAR PRIMARY KEY,
    num_perm   INTEGER NOT NULL,
    shingles   INTEGER NOT NULL,
    hashvalues UBIGINT[] NOT NULL
);

-- verified near-duplicate pairs (doc_a < doc_b)
CREATE TABLE corpus_duplicate_pairs (
    doc_a       VARCHAR NOT NULL,
    doc_b       VARCHAR NOT NULL,
    jaccard     DOUBLE NOT NULL,
    containment DOUBLE NOT NULL,
    PRIMARY KEY (doc_a, doc_b)
);

-- every copy and the article it copies (origins have no row)
CREATE TABLE corpus_copies (
    doc_id        VARCHAR PRIMARY KEY,
    origin_doc_id VARCHAR NOT NULL
);

CREATE TABLE incidents (
    incident_id         VARCHAR PRIMARY KEY,
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
    fatalities_low      INTEGER,
    fatalities_best     INTEGER,
    fatalities_high     INTEGER,
    n_reports           INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    contested           BOOLEAN NOT NULL,
    satire_only         BOOLEAN NOT NULL,
    confidence          DOUBLE NOT NULL,
    fingerprint         VARCHAR NOT NULL,
    record              JSON NOT NULL
);

-- which stored event belongs to which incident (each event to at most one)
CREATE TABLE incident_reports (
    event_id    VARCHAR PRIMARY KEY,
    incident_id VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL
);
