-- The login sessions of the pages (security/Sessions), shared by every instance on the database so
-- that a login on one is honoured by the others and a logout ends it on all. Keyed by the SHA-256 of
-- the session id: the id itself (the cookie's value) is never stored.
CREATE TABLE page_session (
    id_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_name  VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_page_session_last_seen ON page_session (last_seen);
