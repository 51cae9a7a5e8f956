package se.bidragskoll.judgement;

import java.util.AbstractList;
import java.util.Collections;
import java.util.Iterator;
import se.bidragskoll.model.LedgerLine;

/**
 * The lines of a streamed ledger's group before they are loaded: the size is known, the lines are
 * not. Reading them notes that a rule needs them ({@link #wanted()}); the first run of a streamed
 * judgement sees no lines and only learns which groups to load. A strict list (the second run)
 * fails instead: the rules read there only what they read in the first run.
 */
final class PendingLines extends AbstractList<LedgerLine> {

    private final int size;
    private final boolean strict;
    private volatile boolean wanted;

    PendingLines(int size, boolean strict) {
        this.size = size;
        this.strict = strict;
    }

    boolean wanted() {
        return wanted;
    }

    private void want() {
        if (strict) {
            throw new IllegalStateException("a rule read the lines of a group that the first run did not read");
        }
        wanted = true;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public LedgerLine get(int index) {
        want();
        throw new IndexOutOfBoundsException("the lines are not loaded yet");
    }

    @Override
    public Iterator<LedgerLine> iterator() {
        want();
        return Collections.emptyIterator();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "PendingLines[" + size + "]";
    }
}
