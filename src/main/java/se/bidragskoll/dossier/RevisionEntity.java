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

/** One submission of a dossier: the content as submitted, never changed afterwards. */
@Entity
@Table(name = "dossier_revision")
public class RevisionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "dossier_id")
    public String dossierId;

    public int revision;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "submitted_by")
    public String submittedBy;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "ledger_lines")
    public int ledgerLines;

    public String content;

    @Column(name = "ledger_id")
    public String ledgerId;

    public static Optional<RevisionEntity> of(String dossierId, int revision) {
        return find("dossierId = ?1 and revision = ?2", dossierId, revision).firstResultOptional();
    }
}
