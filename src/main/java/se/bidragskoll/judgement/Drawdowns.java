package se.bidragskoll.judgement;

import java.util.List;
import se.bidragskoll.model.Drawdown;

/** The dossier's drawdowns (avrop) as one fact: present, possibly empty. */
public record Drawdowns(List<Drawdown> items) {
}
