package se.bidragskoll.dossier;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** The report of one revision as judged by one rule set, stored in Swedish and English. */
@Entity
@Table(name = "report")
public class ReportEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "revision_id")
    public Long revisionId;

    @Column(name = "ruleset_version")
    public String rulesetVersion;

    public String outcome;

    @Column(name = "judged_at")
    public Instant judgedAt;

    /** When the first NOT_YET_DUE condition of this report falls due; null when none can. */
    @Column(name = "next_due")
    public java.time.LocalDate nextDue;

    @Column(name = "report_sv")
    public String reportSv;

    @Column(name = "report_en")
    public String reportEn;

    public static Optional<ReportEntity> latestFor(Long revisionId) {
        return find("revisionId = ?1 order by id desc", revisionId).firstResultOptional();
    }
}
