-- The first date on which a stored report's NOT_YET_DUE conditions fall due (null when it has none,
-- or when the dossier fixes its own asOf and so cannot change with the calendar). The deadline job
-- (scheduling/DeadlineRejudge) judges again the dossiers whose latest report's date has passed.
ALTER TABLE report ADD COLUMN next_due DATE;
CREATE INDEX report_next_due ON report (next_due);
INSERT INTO scheduler_lease (name, holder, taken_at, expires_at)
VALUES ('deadline-rejudge', NULL, TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2000-01-01 00:00:00+00');
