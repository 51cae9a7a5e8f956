package se.bidragskoll.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Fills message templates ({@code {name}} placeholders) with values formatted the Swedish or English way. */
public final class Messages {

    public static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    /** {@code {county, number}}: a count in digit groups, {@code 271 095} (no-break spaces) or {@code 271,095}. */
    private static final Pattern NUMBER = Pattern.compile("\\{([A-Za-z0-9_]+), number}");

    private Messages() {
    }

    /** {@code {days, plural, one {# dag} other {# dagar}}}: the ICU plural form for Swedish and English. */
    private static final Pattern PLURAL = Pattern.compile(
            "\\{([A-Za-z0-9_]+), plural, one \\{([^{}]*)} other \\{([^{}]*)}}");

    public static String fill(String template, Map<String, Object> args, Locale locale) {
        if (template == null) {
            return null;
        }
        Matcher p = PLURAL.matcher(template);
        StringBuilder plural = new StringBuilder();
        while (p.find()) {
            Object value = args.get(p.group(1));
            String text;
            if (value instanceof Number n) {
                boolean one = new BigDecimal(n.toString()).abs().compareTo(BigDecimal.ONE) == 0;
                text = (one ? p.group(2) : p.group(3)).replace("#", format(value, locale));
            } else {
                text = value instanceof Collection<?> c ? (c.size() == 1 ? p.group(2) : p.group(3))
                        .replace("#", String.valueOf(c.size())) : p.group(3).replace("#", format(value, locale));
            }
            p.appendReplacement(plural, Matcher.quoteReplacement(text));
        }
        p.appendTail(plural);
        Matcher n = NUMBER.matcher(plural.toString());
        StringBuilder numbers = new StringBuilder();
        while (n.find()) {
            Object value = args.get(n.group(1));
            String text = value instanceof Number number ? number(number, locale)
                    : value == null && !args.containsKey(n.group(1)) ? n.group() : format(value, locale);
            n.appendReplacement(numbers, Matcher.quoteReplacement(text));
        }
        n.appendTail(numbers);
        Matcher m = PLACEHOLDER.matcher(numbers.toString());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = args.get(m.group(1));
            String text = value == null && !args.containsKey(m.group(1)) ? m.group() : format(value, locale);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static String format(Object value, Locale locale) {
        if (value == null) {
            return english(locale) ? "none" : "saknas";
        }
        if (value instanceof Text text) {
            return text.in(locale);
        }
        if (value instanceof BigDecimal amount) {
            return money(amount, locale);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(i -> format(i, locale)).collect(Collectors.joining(", "));
        }
        return value.toString();
    }

    /** {@code 3 210,40 kr} in Swedish, {@code 3,210.40 kr} in English; whole kronor without decimals. */
    public static String money(BigDecimal amount, Locale locale) {
        boolean whole = amount.stripTrailingZeros().scale() <= 0;
        DecimalFormat format = (english(locale) ? ENGLISH_MONEY : SWEDISH_MONEY).get()[whole ? 0 : 1];
        return format.format(amount.setScale(2, RoundingMode.HALF_EVEN)) + " kr";
    }

    private static final ThreadLocal<DecimalFormat[]> SWEDISH_MONEY = ThreadLocal.withInitial(() -> formats(' ', ','));
    private static final ThreadLocal<DecimalFormat[]> ENGLISH_MONEY = ThreadLocal.withInitial(() -> formats(',', '.'));

    private static DecimalFormat[] formats(char grouping, char decimal) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(grouping);
        symbols.setDecimalSeparator(decimal);
        symbols.setMinusSign('-');
        return new DecimalFormat[]{new DecimalFormat("#,##0", symbols), new DecimalFormat("#,##0.00", symbols)};
    }

    /** A whole number in digit groups: no-break spaces in Swedish ({@code 10 120 242}), commas in English. */
    public static String number(Number value, Locale locale) {
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(english(locale) ? ',' : '\u00a0');
        symbols.setDecimalSeparator(english(locale) ? '.' : ',');
        symbols.setMinusSign('-');
        return new DecimalFormat("#,##0.##", symbols).format(new BigDecimal(value.toString()));
    }

    public static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
