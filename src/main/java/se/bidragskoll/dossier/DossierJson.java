package se.bidragskoll.dossier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How a dossier is read, the same way in the service and in every command: unknown fields refused,
 * amounts as exact decimals, dates by {@link SwedishDates}.
 */
@Singleton
public class DossierJson implements ObjectMapperCustomizer {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    /** The mapper for commands and scenarios (the service's is customized the same way). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule()).registerModule(SwedishDates.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Last, so that this reading of dates wins over the default time module's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(SwedishDates.module());
    }
}
