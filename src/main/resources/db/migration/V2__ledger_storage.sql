-- Ledgers are stored apart from the dossier's JSON, line by line, so that a year's ledger (millions of
-- lines) is written in bulk (COPY on PostgreSQL, JDBC batches on H2) and identified by its content hash.
CREATE TABLE ledger (
    id           VARCHAR(40) NOT NULL PRIMARY KEY,
    dossier_id   VARCHAR(40) NOT NULL REFERENCES dossier (id),
    content_hash VARCHAR(80) NOT NULL,
    line_count   INTEGER     NOT NULL,
    source       VARCHAR(20) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ledger_line (
    ledger_id      VARCHAR(40) NOT NULL,
    row_no         INTEGER     NOT NULL,
    voucher        VARCHAR(100),
    line_no        INTEGER,
    booking_date   DATE,
    account        VARCHAR(40),
    responsibility VARCHAR(40),
    activity       VARCHAR(40),
    cost_object    VARCHAR(40),
    unit           VARCHAR(60),
    measure        VARCHAR(60),
    amount         NUMERIC(18, 2),
    description    VARCHAR(1000),
    CONSTRAINT pk_ledger_line PRIMARY KEY (ledger_id, row_no)
);

ALTER TABLE dossier_revision ADD COLUMN ledger_id VARCHAR(40);
CREATE INDEX ix_ledger_dossier ON ledger (dossier_id);
