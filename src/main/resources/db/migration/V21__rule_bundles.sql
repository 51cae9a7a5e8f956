-- The rule set as versioned bundles (ruleset/RuleBundles): the instance that loads or reloads its
-- rules folder stores the rule files' text under their content hash and makes that bundle current;
-- every instance polls the current version and switches to it, compiled from this text.
CREATE TABLE rule_bundle (
    version    VARCHAR(80)  NOT NULL PRIMARY KEY,
    stored_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    stored_by  VARCHAR(200) NOT NULL,
    file_count INTEGER      NOT NULL
);

CREATE TABLE rule_bundle_file (
    version VARCHAR(80)   NOT NULL REFERENCES rule_bundle (version) ON DELETE CASCADE,
    path    VARCHAR(1000) NOT NULL,
    content VARCHAR       NOT NULL,
    PRIMARY KEY (version, path)
);

-- One row: the bundle every instance should judge with.
CREATE TABLE rule_bundle_current (
    id        INTEGER      NOT NULL PRIMARY KEY,
    version   VARCHAR(80)  REFERENCES rule_bundle (version),
    made_at   TIMESTAMP WITH TIME ZONE,
    made_by   VARCHAR(200)
);
INSERT INTO rule_bundle_current (id, version, made_at, made_by) VALUES (1, NULL, NULL, NULL);
