-- A user's calendar feed (calendar/FeedTokens): the deadlines that user may see as iCalendar, at an
-- address with a token that works without a login, so that a calendar program can subscribe to it.
-- Keyed by the SHA-256 of the token (the token itself is never stored); one per user, revoked by
-- deleting the row. What the user may see is kept as it was when the token was made (the steering
-- group every region, a controller their regions), because the feed has no login to read it from.
CREATE TABLE calendar_feed (
    token_hash  VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_name   VARCHAR(200)  NOT NULL,
    all_regions BOOLEAN       NOT NULL,
    regions     VARCHAR(2000) NOT NULL,
    language    VARCHAR(2)    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX ux_calendar_feed_user ON calendar_feed (user_name);
