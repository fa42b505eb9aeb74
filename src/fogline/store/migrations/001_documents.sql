-- fogline store, version 1: analysed articles and what they say.
CREATE TABLE documents (
    doc_id      VARCHAR PRIMARY KEY,
    source      VARCHAR NOT NULL,
    title       VARCHAR,
    published   VARCHAR,
    outlet      VARCHAR,
    url         VARCHAR,
    genre       VARCHAR NOT NULL,
    is_repost   BOOLEAN NOT NULL,
    encoding    VARCHAR,
    raw         VARCHAR NOT NULL,
    text        VARCHAR NOT NULL,
    record      JSON NOT NULL,      -- the full JSON Lines contract record
    analysed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE signals (
    doc_id  VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    kind    VARCHAR NOT NULL,
    detail  VARCHAR,
    start_offset INTEGER,
    end_offset   INTEGER,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE removed (
    doc_id  VARCHAR NOT NULL,
    idx     INTEGER NOT NULL,
    kind    VARCHAR NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset   INTEGER NOT NULL,
    text    VARCHAR,
    reason  VARCHAR,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE places (
    doc_id       VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    gazetteer_id VARCHAR,
    lat          DOUBLE NOT NULL,
    lon          DOUBLE NOT NULL,
    country      VARCHAR,
    admin1       VARCHAR,
    admin2       VARCHAR,
    geo_precision INTEGER NOT NULL,
    mention_start INTEGER,
    mention_end   INTEGER,
    mention_text  VARCHAR,
    score        DOUBLE,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    idx            INTEGER NOT NULL,
    event_type     VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    event_date     VARCHAR,
    date_precision VARCHAR,
    actor1         VARCHAR,
    actor1_country VARCHAR,
    actor1_kind    VARCHAR,
    actor2         VARCHAR,
    actor2_country VARCHAR,
    actor2_kind    VARCHAR,
    location       VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    geo_precision  INTEGER,
    admin1         VARCHAR,
    admin2         VARCHAR,
    fatalities     INTEGER,
    injured        INTEGER,
    certainty      VARCHAR NOT NULL,
    background     BOOLEAN NOT NULL,
    evidence_text  VARCHAR,
    record         JSON NOT NULL
);

CREATE TABLE claims (
    event_id         VARCHAR NOT NULL,
    idx              INTEGER NOT NULL,
    doc_id           VARCHAR NOT NULL,
    claimant         VARCHAR NOT NULL,
    claimant_country VARCHAR,
    stance           VARCHAR NOT NULL,
    evidence_start   INTEGER,
    evidence_end     INTEGER,
    evidence_text    VARCHAR,
    fatalities       INTEGER,
    injured          INTEGER,
    PRIMARY KEY (event_id, idx)
);

CREATE SEQUENCE rejected_seq;
CREATE TABLE rejected (
    rejected_id INTEGER PRIMARY KEY DEFAULT nextval('rejected_seq'),
    source      VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    size_bytes  BIGINT,
    seen_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);
