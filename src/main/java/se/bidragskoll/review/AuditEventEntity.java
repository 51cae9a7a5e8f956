package se.bidragskoll.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/** One line of the audit trail: written once, never updated or deleted. */
@Entity
@Table(name = "audit_event")
public class AuditEventEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Instant at;

    public String actor;

    public String action;

    public String region;

    public String agreement;

    @Column(name = "dossier_id")
    public String dossierId;

    @Column(name = "finding_id")
    public String findingId;

    public Integer revision;

    @Column(name = "ruleset_version")
    public String rulesetVersion;

    @Column(name = "previous_status")
    public String previousStatus;

    @Column(name = "new_status")
    public String newStatus;

    public String comment;

    @Column(name = "until_date")
    public LocalDate until;
}
