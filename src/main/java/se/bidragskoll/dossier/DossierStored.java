package se.bidragskoll.dossier;

/**
 * A dossier's report was stored (a submission, a new ledger, a re-judgement): fired synchronously in
 * the storing transaction, so that what depends on the dossier's reports (the region's plan of the
 * agreement's years) is judged again with it, without the dossier side knowing who listens.
 *
 * @param actor who caused it, for the audit trail; null: the caller of the request
 */
public record DossierStored(String region, String agreement, String actor) {
}
