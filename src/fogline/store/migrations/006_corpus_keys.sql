-- fogline store, version 6: what the corpus stage needs to find the partitions new articles touch without
-- working out every partition again (``corpus.incremental``).

-- the blocking keys (stable 64-bit hashes) each partition's events probe (probe) or are indexed under
CREATE TABLE corpus_keys (
    part  VARCHAR NOT NULL,
    key   BIGINT NOT NULL,
    probe BOOLEAN NOT NULL
);

-- the corpus stage's state: 'grouping' (a fingerprint of the merge rules and ratings the incidents were grouped
-- with), 'keys' (the same fingerprint while corpus_keys is complete)
CREATE TABLE corpus_state (
    name  VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
