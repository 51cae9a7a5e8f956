package se.bidragskoll.ruleset;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Sessions of a rule base, reused: Drools builds a session's node and segment memories the first time
 * facts reach them, and at a thousand ledger lines that building was a third of a judgement. A session
 * that ended cleanly is reset (its facts, matches and globals' uses gone, its memories' structure kept)
 * and kept for the next judgement; one whose judgement did not end cleanly (a rule threw, the watchdog
 * halted it, the firing limit stopped it) is disposed of.
 *
 * <p>At most {@link #IDLE} idle sessions per rule base, for the {@link #KEPT} rule bases used last: a
 * reload's new rule base starts its own, and the old one's go with it.
 */
final class Sessions {

    static final int IDLE = 4;
    static final int KEPT = 4;

    private static final Map<KieBase, Deque<KieSession>> IDLE_BY_BASE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<KieBase, Deque<KieSession>> eldest) {
            if (size() > KEPT) {
                eldest.getValue().forEach(KieSession::dispose);
                return true;
            }
            return false;
        }
    };

    private Sessions() {
    }

    static KieSession take(KieBase kieBase) {
        synchronized (IDLE_BY_BASE) {
            Deque<KieSession> idle = IDLE_BY_BASE.get(kieBase);
            KieSession session = idle == null ? null : idle.pollFirst();
            if (session != null) {
                return session;
            }
        }
        return kieBase.newKieSession();
    }

    /** Kept for the next judgement when {@code clean}, else disposed of. */
    static void giveBack(KieBase kieBase, KieSession session, boolean clean) {
        if (!clean || !(session instanceof StatefulKnowledgeSessionImpl impl)) {
            session.dispose();
            return;
        }
        try {
            impl.reset();
        } catch (RuntimeException e) {
            session.dispose();
            return;
        }
        synchronized (IDLE_BY_BASE) {
            Deque<KieSession> idle = IDLE_BY_BASE.computeIfAbsent(kieBase, k -> new ArrayDeque<>());
            if (idle.size() < IDLE) {
                idle.addFirst(session);
                return;
            }
        }
        session.dispose();
    }
}
