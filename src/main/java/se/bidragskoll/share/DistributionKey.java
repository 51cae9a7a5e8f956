package se.bidragskoll.share;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.ruleset.AgreementDef;
import se.bidragskoll.ruleset.Populations;
import se.bidragskoll.ruleset.RuleSet;
import se.bidragskoll.ruleset.SourceRef;

/**
 * The dossier's agreement's population key as a fact for the {@code grant-share} family: the money the
 * key splits, its population date, the region, and the population figures of {@code rules/data/}.
 */
public record DistributionKey(String region, String key, LocalDate keyDate, BigDecimal amount,
                              Populations populations) {

    /**
     * A key the rules can compute (split by population, with an amount), and the share the sources
     * state for the region ({@link Stated}), where they state one.
     */
    public static List<Object> facts(RuleSet rules, Dossier dossier) {
        AgreementDef a = rules.agreement(dossier.agreement()).orElse(null);
        AgreementDef.Distribution d = a == null ? null : a.distribution();
        if (d == null) {
            return List.of();
        }
        List<Object> facts = new java.util.ArrayList<>();
        if ("population".equals(d.key()) && d.amount() != null) {
            facts.add(new DistributionKey(dossier.region(), d.key(), d.date(),
                    d.amount(), rules.populations() == null ? Populations.empty() : rules.populations()));
        }
        BigDecimal stated = d.statedShare(dossier.region());
        if (stated != null) {
            facts.add(new Stated(dossier.region(), stated, source(a)));
        }
        return facts;
    }

    /** Whether the key gives a share on {@code populationDate} (the key's own date when null). */
    public boolean computes(LocalDate populationDate) {
        return shareOn(populationDate) != null;
    }

    /** Where the agreement's distribution is stated: its own source within the agreement's. */
    static SourceRef source(AgreementDef a) {
        return a.distribution() == null || a.distribution().source() == null ? a.source()
                : a.distribution().source().within(a.source());
    }

    /**
     * The region's share of an agreement's money: from the county populations where the agreement has
     * a population key with a date that has figures, else the share its sources state (over all parts),
     * else none. The one place a region's share is computed, for dossiers and plans alike.
     */
    public static java.util.Optional<RegionShare> regionShare(RuleSet rules, String agreement, String region) {
        AgreementDef a = rules.agreement(agreement).orElse(null);
        if (a == null || a.distribution() == null) {
            return java.util.Optional.empty();
        }
        AgreementDef.Distribution d = a.distribution();
        if ("population".equals(d.key()) && d.amount() != null) {
            Share s = new DistributionKey(region, d.key(), d.date(), d.amount(),
                    rules.populations() == null ? Populations.empty() : rules.populations()).shareOn(null);
            if (s != null) {
                return java.util.Optional.of(new RegionShare(agreement, region, s.expected(), "population", source(a)));
            }
        }
        BigDecimal stated = d.statedShare(region);
        return stated == null ? java.util.Optional.empty()
                : java.util.Optional.of(new RegionShare(agreement, region, stated, "stated", source(a)));
    }

    /** A region's share of one agreement, {@code basis} population or stated, and where it is stated. */
    public record RegionShare(String agreement, String region, BigDecimal expected, String basis,
                              SourceRef source) {

        /** Whether a stated figure fits the share within the figure's own rounding. */
        public boolean fits(BigDecimal figure) {
            return figure != null && figure.subtract(expected).abs().compareTo(Share.margin(figure, null)) <= 0;
        }

        public BigDecimal off(BigDecimal figure) {
            return figure.subtract(expected).abs();
        }
    }

    /** The share the agreement's sources state for the region (over all its parts), as a fact. */
    public record Stated(String region, BigDecimal expected, SourceRef source) {

        public boolean fits(BigDecimal figure) {
            return figure.subtract(expected).abs().compareTo(Share.margin(figure, null)) <= 0;
        }

        public BigDecimal off(BigDecimal figure) {
            return figure.subtract(expected).abs();
        }
    }

    private LocalDate date(LocalDate populationDate) {
        return populationDate != null ? populationDate : keyDate;
    }

    /** The region's share on {@code populationDate} (the key's date when null), or null without figures. */
    public Share shareOn(LocalDate populationDate) {
        LocalDate on = date(populationDate);
        if (on == null) {
            return null;
        }
        Long county = populations.of(region, on).orElse(null);
        Long country = populations.of(Populations.COUNTRY, on).orElse(null);
        if (county == null || country == null) {
            return null;
        }
        BigDecimal expected = amount.multiply(BigDecimal.valueOf(county))
                .divide(BigDecimal.valueOf(country), 0, RoundingMode.HALF_EVEN).setScale(2);
        return new Share(expected, county, country, on);
    }

    /** The population figures missing for the share on {@code populationDate}, as a CANNOT_ASSESS names them. */
    public String missingFigures(LocalDate populationDate) {
        LocalDate on = date(populationDate);
        if (on == null) {
            return "distribution.date";
        }
        StringBuilder out = new StringBuilder("rules/data: folkmängd");
        if (populations.of(region, on).isEmpty()) {
            out.append(" län ").append(region);
        }
        if (populations.of(Populations.COUNTRY, on).isEmpty()) {
            out.append(" riket");
        }
        return out.append(' ').append(on).toString();
    }

    /**
     * The region's share of the money under the key, from {@code county} of {@code country} inhabitants on
     * {@code date}. A stated figure fits when it lies within the share's margin ({@code tolerance}, a
     * fraction of the share, when the figures are of another date than the key's) plus the figure's own
     * rounding: a figure written with trailing zeros is read as rounded to that place, so 12 600 000 is
     * 12,6 MSEK give or take 50 000 and 15 000 000 is 15 MSEK give or take 500 000.
     */
    public record Share(BigDecimal expected, long county, long country, LocalDate date) {

        public boolean fits(BigDecimal figure, BigDecimal tolerance) {
            return figure.subtract(expected).abs().compareTo(margin(figure, tolerance)) <= 0;
        }

        public BigDecimal off(BigDecimal figure) {
            return figure.subtract(expected).abs();
        }

        static BigDecimal margin(BigDecimal figure, BigDecimal tolerance) {
            BigDecimal margin = tolerance == null ? BigDecimal.ZERO : tolerance.multiply(figure.abs());
            return margin.add(roundingOf(figure));
        }

        /** Half the largest power of ten, up to a million, that the figure is a whole multiple of. */
        static BigDecimal roundingOf(BigDecimal figure) {
            BigDecimal step = BigDecimal.ONE;
            if (figure.signum() == 0 || figure.stripTrailingZeros().scale() > 0) {
                return BigDecimal.ZERO;
            }
            while (step.compareTo(BigDecimal.valueOf(1_000_000)) < 0
                    && figure.remainder(step.multiply(BigDecimal.TEN)).signum() == 0) {
                step = step.multiply(BigDecimal.TEN);
            }
            return step.compareTo(BigDecimal.ONE) == 0 ? BigDecimal.ZERO : step.divide(BigDecimal.valueOf(2));
        }
    }
}
