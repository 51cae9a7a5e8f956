package se.bidragskoll.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * One rule for the dates of a dossier, everywhere it is read (the service, {@code judge},
 * {@code replay}, the scenarios): a calendar date {@code 2018-04-16} is that day; an instant
 * ({@code 2018-04-16T22:30:00Z}, {@code 2018-04-17T00:30:00+02:00}) is the day it falls on in Swedish
 * time (Europe/Stockholm), so both of those are 2018-04-17; a date and time without offset is Swedish
 * local time. Anything else is refused with the field named.
 */
public final class SwedishDates {

    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private SwedishDates() {
    }

    /** "Today" for a dossier without {@code asOf}, decided one way everywhere: the day in Swedish time. */
    public static LocalDate today(java.time.Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }

    /** The Jackson module that reads {@link LocalDate} this way. */
    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("swedish-dates");
        module.addDeserializer(LocalDate.class, new Deserializer());
        return module;
    }

    /** The day {@code text} names in Swedish time. */
    public static LocalDate parse(String text) {
        String t = text.trim();
        if (t.indexOf('T') < 0 && t.indexOf(' ') < 0) {
            return LocalDate.parse(t);
        }
        String iso = t.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(ZONE).toLocalDate();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(iso).toLocalDate();
        }
    }

    static final class Deserializer extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text,
                        "expected a date YYYY-MM-DD or an instant with its offset");
            }
        }
    }
}
