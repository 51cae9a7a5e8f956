package se.bidragskoll.ruleset;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Sweden's 21 regions by SCB county code (länskod). */
public final class Regions {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("01", "Region Stockholm");
        NAMES.put("03", "Region Uppsala");
        NAMES.put("04", "Region Sörmland");
        NAMES.put("05", "Region Östergötland");
        NAMES.put("06", "Region Jönköpings län");
        NAMES.put("07", "Region Kronoberg");
        NAMES.put("08", "Region Kalmar län");
        NAMES.put("09", "Region Gotland");
        NAMES.put("10", "Region Blekinge");
        NAMES.put("12", "Region Skåne");
        NAMES.put("13", "Region Halland");
        NAMES.put("14", "Västra Götalandsregionen");
        NAMES.put("17", "Region Värmland");
        NAMES.put("18", "Region Örebro län");
        NAMES.put("19", "Region Västmanland");
        NAMES.put("20", "Region Dalarna");
        NAMES.put("21", "Region Gävleborg");
        NAMES.put("22", "Region Västernorrland");
        NAMES.put("23", "Region Jämtland Härjedalen");
        NAMES.put("24", "Region Västerbotten");
        NAMES.put("25", "Region Norrbotten");
    }

    private Regions() {
    }

    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }

    public static Map<String, String> all() {
        return Map.copyOf(NAMES);
    }
}
