package se.bidragskoll.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.YearMonthDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.text.Text;

/**
 * Bounds what a JSON request can make the service do, where it is read: the document's size, its
 * nesting, the length of a number, and amounts and dates in range ({@link Limits}). A value out of
 * range is a 400 naming the field and the limit, before any rule sees it.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    @ConfigProperty(name = "bidragskoll.limits.json-document", defaultValue = "64M")
    MemorySize maxDocument;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxDocument.asLongValue())
                .maxNumberLength(Limits.MAX_NUMBER_CHARS)
                .maxNestingDepth(Limits.MAX_JSON_DEPTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxDocument.asLongValue()))
                .build());
        mapper.registerModule(module());
        // one document per request: "{…} garbage" or two documents are refused, not half read
        mapper.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a field twice in one object ({"asOf": …, "asOf": …}) is refused, not read as the last one
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The bounded readers of amounts, dates (read as {@link SwedishDates}) and months. */
    public static SimpleModule module() {
        SimpleModule bounds = new SimpleModule("bidragskoll-limits");
        bounds.addDeserializer(BigDecimal.class, new BoundedAmount());
        bounds.addDeserializer(LocalDate.class, new BoundedDate());
        bounds.addDeserializer(YearMonth.class, new BoundedMonth());
        bounds.addDeserializer(String.class, new PlainText());
        return bounds;
    }

    @Override
    public int priority() {
        // After Quarkus' own customizers (which register the java.time module), so these deserializers win.
        return MINIMUM_PRIORITY;
    }

    /** An amount: at most ±{@link Limits#MAX_AMOUNT} and two decimals. */
    static final class BoundedAmount extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value == null) {
                return null;
            }
            if (!Limits.inRange(value)) {
                throw new ValueOutOfRangeException(p, Text.of(
                        "Beloppet " + value + " är för stort: högst " + Limits.MAX_AMOUNT.toPlainString()
                                + " kr (plus eller minus).",
                        "The amount " + value + " is too large: at most " + Limits.MAX_AMOUNT.toPlainString()
                                + " kronor (either sign)."));
            }
            if (value.scale() > Limits.MAX_DECIMALS && value.stripTrailingZeros().scale() > Limits.MAX_DECIMALS) {
                throw new ValueOutOfRangeException(p, Text.of(
                        "Beloppet " + abbreviate(value) + " har fler än två decimaler (öre).",
                        "The amount " + abbreviate(value) + " has more than two decimals (öre)."));
            }
            return value;
        }

        private static String abbreviate(BigDecimal value) {
            String text = value.toString();
            return text.length() > 30 ? text.substring(0, 30) + "…" : text;
        }
    }

    /**
     * A date between {@link Limits#MIN_DATE} and {@link Limits#MAX_DATE}, read as
     * {@link SwedishDates} reads it (an instant is its day in Swedish time). Not a subclass of the time
     * module's reader, whose contextual copies would drop this reading.
     */
    static final class BoundedDate extends com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer<LocalDate> {

        BoundedDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            if (text.isBlank()) {
                // "" is not "no date": judged as today, an empty asOf would silently change the report
                throw new ValueOutOfRangeException(p, EMPTY_DATE);
            }
            LocalDate value;
            try {
                value = SwedishDates.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text,
                        "expected a date YYYY-MM-DD or an instant with its offset");
            }
            if (!Limits.inRange(value)) {
                throw new ValueOutOfRangeException(p, dateOutOfRange(value.toString()));
            }
            return value;
        }
    }

    static final Text EMPTY_DATE = Text.of("Datumet är tomt: skriv ett datum (ÅÅÅÅ-MM-DD) eller utelämna fältet.",
            "The date is empty: give a date (YYYY-MM-DD) or leave the field out.");

    /** A month within the same years as dates. */
    static final class BoundedMonth extends YearMonthDeserializer {

        BoundedMonth() {
            super(DateTimeFormatter.ofPattern("u-MM"));
        }

        @Override
        public YearMonth deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING && p.getText().isBlank()) {
                throw new ValueOutOfRangeException(p, Text.of("Månaden är tom: skriv en månad (ÅÅÅÅ-MM) eller utelämna fältet.",
                        "The month is empty: give a month (YYYY-MM) or leave the field out."));
            }
            YearMonth value = super.deserialize(p, ctxt);
            if (value != null && !(Limits.inRange(value.atDay(1)) && Limits.inRange(value.atEndOfMonth()))) {
                throw new ValueOutOfRangeException(p, dateOutOfRange(value.toString()));
            }
            return value;
        }
    }

    /**
     * Text without control characters (NUL, ESC and the like; tab, line feed and carriage return are
     * text): they have no place in a voucher, a title or a comment, and would reach exports and pages.
     */
    static final class PlainText extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                        throw new ValueOutOfRangeException(p, Text.of(
                                "Texten innehåller ett styrtecken (U+" + String.format("%04X", (int) c)
                                        + ") på plats " + (i + 1) + "; sådana tecken tas inte emot.",
                                "The text contains a control character (U+" + String.format("%04X", (int) c)
                                        + ") at position " + (i + 1) + "; such characters are not accepted."));
                    }
                }
            }
            return value;
        }
    }

    public static Text dateOutOfRange(String value) {
        return Text.of("Datumet " + value + " ligger utanför det som godtas: " + Limits.MIN_DATE + " till "
                        + Limits.MAX_DATE + ".",
                "The date " + value + " is outside the accepted range: " + Limits.MIN_DATE + " to "
                        + Limits.MAX_DATE + ".");
    }
}
