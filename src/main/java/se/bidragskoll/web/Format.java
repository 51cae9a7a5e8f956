package se.bidragskoll.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import se.bidragskoll.text.Messages;

/** Amounts as people read them on the pages: {@code 1 061,00 kr} in Swedish, {@code 1,061.00 kr} in English. */
public final class Format {

    private Format() {
    }

    public static String money(BigDecimal amount, Locale locale) {
        boolean english = Messages.english(locale);
        DecimalFormatSymbols symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(english ? ',' : '\u00a0');
        symbols.setDecimalSeparator(english ? '.' : ',');
        symbols.setMinusSign('\u2212');
        return new DecimalFormat("#,##0.00", symbols).format(amount.setScale(2, RoundingMode.HALF_EVEN)) + "\u00a0kr";
    }
}
