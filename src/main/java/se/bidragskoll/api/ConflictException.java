package se.bidragskoll.api;

import se.bidragskoll.text.Text;

/** The request conflicts with the current state (a decision already taken, a stale version): 409. */
public class ConflictException extends RuntimeException {

    private final transient Text text;

    public ConflictException(String sv, String en) {
        super(en);
        this.text = Text.of(sv, en);
    }

    public Text text() {
        return text;
    }
}
