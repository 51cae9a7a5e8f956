package se.bidragskoll.judgement;

import java.math.BigDecimal;

/**
 * The latest stored dossier of one agreement of the region and year, as a fact of the year's judgement:
 * its granted amount and the outcome of its latest report.
 */
public record YearDossier(String id, String agreement, String agreementTitle, Integer revision,
                          BigDecimal grantedAmount, String outcome) {

    public String ref() {
        return "dossier:" + id;
    }
}
