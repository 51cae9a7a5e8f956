package se.bidragskoll.plan;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** A region's stored plan for a year: the latest submission and its report in Swedish and English. */
@Entity
@Table(name = "region_plan")
public class PlanEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String region;

    @Column(name = "plan_year")
    public int year;

    public int revision;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    public String content;

    @Column(name = "ruleset_version")
    public String rulesetVersion;

    public String outcome;

    @Column(name = "report_sv")
    public String reportSv;

    @Column(name = "report_en")
    public String reportEn;

    @Version
    public long version;

    public static Optional<PlanEntity> forRegionAndYear(String region, int year) {
        return find("region = ?1 and year = ?2", region, year).firstResultOptional();
    }
}
