-- fogline store, version 4: the corpus stage's partitions (incremental re-grouping) and sampled shingles
-- (near-duplicate candidates found by a join instead of an in-memory LSH index).

-- each grouped event, the partition it was grouped in and a digest of what grouping read of it
CREATE TABLE corpus_parts (
    event_id VARCHAR PRIMARY KEY,
    part     VARCHAR NOT NULL,
    digest   VARCHAR NOT NULL
);

-- a content-defined sample of each article's word 5-shingle hashes (every shingle of a short article)
CREATE TABLE corpus_shingles (
    doc_id  VARCHAR NOT NULL,
    hash    UBIGINT NOT NULL
);

-- articles sampled, and how many hashes their sample holds
CREATE TABLE corpus_sampled (
    doc_id  VARCHAR PRIMARY KEY,
    samples INTEGER NOT NULL
);
