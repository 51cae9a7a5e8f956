package se.bidragskoll.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * Keeps the {@code uri} label of the HTTP meters bounded against made-up API paths: a request refused
 * before any endpoint (an anonymous {@code 401}, a bad path's {@code 400}) is labelled with its raw
 * path unless a match pattern of {@code application.properties} gives it a template, so that anyone
 * could add label values (and time series) by asking for {@code /api/anything-1}, {@code -2}, …
 * An {@code /api/} label that is neither a route template nor one of the API's fixed paths is
 * labelled {@code /api/{unknown}} instead. {@code MetricsTest} checks that every fixed path of the
 * OpenAPI document is in {@link #FIXED}.
 */
public class UnknownApiPaths {

    /** The API's paths without a parameter, as a refused request carries them. */
    static final Set<String> FIXED = Set.of("/api/v1/validate", "/api/v1/dossiers", "/api/v1/findings",
            "/api/v1/findings/export.csv", "/api/v1/findings/export.xlsx", "/api/v1/plans", "/api/v1/plans/validate",
            "/api/v1/plans/template.xlsx", "/api/v1/rules", "/api/v1/rules/reload");

    static final String UNKNOWN = "/api/{unknown}";

    @Produces
    @Singleton
    MeterFilter boundedApiUris() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("http.server")) {
                    return id;
                }
                String uri = id.getTag("uri");
                if (uri == null || !uri.startsWith("/api/") || uri.contains("{") || FIXED.contains(uri)) {
                    return id;
                }
                List<Tag> tags = id.getTags().stream().map(t -> "uri".equals(t.getKey()) ? Tag.of("uri", UNKNOWN) : t).toList();
                return id.replaceTags(tags);
            }
        };
    }
}
