-- Compiled rule bases (serialised Drools packages) by the key of their DRL sources, engine and model
-- classes (ruleset/CompiledCache): an instance that starts with rules another instance has compiled
-- reads them instead of compiling (a start's largest part). At most the 10 most recent are kept.
CREATE TABLE rule_compiled (
    cache_key VARCHAR(64) NOT NULL PRIMARY KEY,
    stored_at TIMESTAMP WITH TIME ZONE NOT NULL,
    content   BYTEA NOT NULL
);
