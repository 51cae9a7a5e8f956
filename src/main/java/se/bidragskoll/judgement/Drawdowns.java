package se.bidragskoll.judgement;

import java.util.List;
import se.bidragskoll.dossier.Drawdown;

/** The dossier's drawdowns (avrop) as one fact: present, possibly empty. */
public record Drawdowns(List<Drawdown> items) {
}
