package se.bidragskoll.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How a dossier is read by the commands and the scenarios, the same way as the service reads it (its
 * mapper gets the same bounded readers from {@link JsonLimits}): unknown fields
 * refused, amounts as exact decimals within bounds, dates by {@link SwedishDates} within bounds.
 */
public final class DossierJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    /** The mapper for commands and scenarios (the service's is customized the same way). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).registerModule(JsonLimits.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private DossierJson() {
    }
}
