-- Plan findings in the review queue (issue 17): a tracked finding belongs to a dossier or to a
-- region's plan for a year. A plan finding has plan_id and no dossier or agreement; its audit events
-- carry the plan id where a dossier's carry the dossier id. Written for both H2 and PostgreSQL.
ALTER TABLE finding ADD COLUMN plan_id VARCHAR(40) REFERENCES region_plan (id);
ALTER TABLE finding ALTER COLUMN dossier_id DROP NOT NULL;
ALTER TABLE finding ALTER COLUMN agreement DROP NOT NULL;
ALTER TABLE finding ADD CONSTRAINT uq_finding_plan_fingerprint UNIQUE (plan_id, fingerprint);
ALTER TABLE audit_event ALTER COLUMN agreement DROP NOT NULL;
