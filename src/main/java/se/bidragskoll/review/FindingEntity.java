package se.bidragskoll.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A finding as a tracked item of the review: its state lives with its fingerprint per dossier. */
@Entity
@Table(name = "finding")
public class FindingEntity extends PanacheEntityBase {

    /** The review states. */
    public enum Status { OPEN, ACKNOWLEDGED, WAIVED, RESOLVED }

    @Id
    public String id;

    @Column(name = "dossier_id")
    public String dossierId;

    /** The region's plan the finding is of, for a plan finding (then no dossier and no agreement). */
    @Column(name = "plan_id")
    public String planId;

    public String region;

    public String agreement;

    public String fingerprint;

    public String code;

    public String severity;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Status status;

    @Column(name = "message_sv")
    public String messageSv;

    @Column(name = "message_en")
    public String messageEn;

    public BigDecimal amount;

    public String facts;

    @Column(name = "source_document")
    public String sourceDocument;

    @Column(name = "source_clause")
    public String sourceClause;

    @Column(name = "first_revision")
    public int firstRevision;

    @Column(name = "last_revision")
    public int lastRevision;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "waived_until")
    public LocalDate waivedUntil;

    @Column(name = "last_comment")
    public String lastComment;

    @Version
    public long version;
}
