-- Region plans (API.md, version 2): one per region and year; a resubmission replaces the content and
-- report and counts up the revision. Written for both H2 and PostgreSQL. Numbered after the issue
-- (11) so that migrations added on other branches meanwhile keep their numbers.
CREATE TABLE region_plan (
    id              VARCHAR(40)  NOT NULL PRIMARY KEY,
    region          VARCHAR(2)   NOT NULL,
    plan_year       INTEGER      NOT NULL,
    revision        INTEGER      NOT NULL,
    submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by    VARCHAR(200),
    content         VARCHAR      NOT NULL,
    ruleset_version VARCHAR(80)  NOT NULL,
    outcome         VARCHAR(20)  NOT NULL,
    report_sv       VARCHAR      NOT NULL,
    report_en       VARCHAR      NOT NULL,
    version         BIGINT       NOT NULL,
    CONSTRAINT uq_region_plan UNIQUE (region, plan_year)
);
