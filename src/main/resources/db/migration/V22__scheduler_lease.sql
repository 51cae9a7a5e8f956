-- Scheduled work done once across instances (scheduling/Leases): an instance runs a job only when
-- it takes the job's lease, an UPDATE that succeeds for one instance until the lease expires.
CREATE TABLE scheduler_lease (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    holder     VARCHAR(200),
    taken_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO scheduler_lease (name, holder, taken_at, expires_at)
VALUES ('waiver-expiry', NULL, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
