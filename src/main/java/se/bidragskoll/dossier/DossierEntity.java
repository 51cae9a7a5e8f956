package se.bidragskoll.dossier;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;

/** A region's dossier for one agreement; its content lives in revisions. */
@Entity
@Table(name = "dossier")
public class DossierEntity extends PanacheEntityBase {

    @Id
    public String id;

    public String region;

    public String agreement;

    @Column(name = "latest_revision")
    public int latestRevision;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public static Optional<DossierEntity> forRegionAndAgreement(String region, String agreement) {
        return find("region = ?1 and agreement = ?2", region, agreement).firstResultOptional();
    }
}
