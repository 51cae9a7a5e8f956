package se.bidragskoll.calendar;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A user's calendar feed token, stored as its SHA-256 (V24). */
@Entity
@Table(name = "calendar_feed")
public class FeedTokenEntity extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "all_regions")
    public boolean allRegions;

    /** The regions a controller may see, comma separated; empty for the steering group. */
    public String regions;

    /** {@code sv} or {@code en}: the language of the events. */
    public String language;

    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<FeedTokenEntity> forUser(String user) {
        return find("userName", user).firstResultOptional();
    }
}
