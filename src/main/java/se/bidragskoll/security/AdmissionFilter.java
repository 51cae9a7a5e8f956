package se.bidragskoll.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.bidragskoll.api.Languages;
import se.bidragskoll.api.Problem;
import se.bidragskoll.api.SecurityProblems;

/**
 * Work admitted against a memory budget: a request that sends a body to be read, judged or stored
 * (POST, PUT, PATCH) holds one of a bounded number of permits, sized from the heap, from before its
 * body is read until its answer is sent. When none is free it waits briefly (its body unread), then
 * gets {@code 503} with {@code Retry-After}: many large submissions at once queue or are turned away
 * instead of exhausting the heap, and reading (GET) is never held up.
 */
@ApplicationScoped
public class AdmissionFilter {

    /** After authentication (200): an anonymous caller never holds a permit. */
    private static final int AFTER_AUTHENTICATION = 100;
    /** Heap a permit stands for: a 20 000-line dossier read, judged and stored uses a few tens of MiB. */
    private static final long HEAP_PER_PERMIT = 96L * 1024 * 1024;

    @ConfigProperty(name = "bidragskoll.admission.permits", defaultValue = "0")
    int configuredPermits;

    @ConfigProperty(name = "bidragskoll.admission.wait-ms", defaultValue = "3000")
    long waitMillis;

    private volatile Semaphore permits;
    private volatile int size;

    void register(@Observes Filters filters) {
        size = configuredPermits > 0 ? configuredPermits
                : (int) Math.max(2, Math.min(64, Runtime.getRuntime().maxMemory() / HEAP_PER_PERMIT));
        permits = new Semaphore(size, true);
        filters.register(this::admit, AFTER_AUTHENTICATION);
    }

    /** How many requests with a body may be worked on at once. */
    public int size() {
        return size;
    }

    /** The permits, for tests that fill them. */
    Semaphore permits() {
        return permits;
    }

    void admit(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.POST && method != HttpMethod.PUT && method != HttpMethod.PATCH) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        attempt(ctx, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis));
    }

    private void attempt(RoutingContext ctx, long deadline) {
        if (ctx.response().closed() || ctx.response().ended()) {
            return;
        }
        if (permits.tryAcquire()) {
            AtomicBoolean held = new AtomicBoolean(true);
            ctx.addEndHandler(v -> {
                if (held.getAndSet(false)) {
                    permits.release();
                }
            });
            ctx.request().resume();
            ctx.next();
        } else if (System.nanoTime() >= deadline) {
            busy(ctx);
        } else {
            ctx.vertx().setTimer(20, t -> attempt(ctx, deadline));
        }
    }

    private void busy(RoutingContext ctx) {
        Locale locale = Languages.of(ctx.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        boolean en = Locale.ENGLISH.equals(locale);
        long retry = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(waitMillis));
        Problem problem = new Problem("urn:bidragskoll:problem:busy", en ? "Busy" : "Upptagen", 503,
                en ? "The service is judging as many submissions as its memory allows (" + size + " at once). "
                        + "Nothing was read or stored; send it again in " + retry + " s."
                        : "Tjänsten bedömer så många underlag som minnet medger (" + size + " åt gången). "
                        + "Inget lästes eller sparades; skicka igen om " + retry + " s.",
                ctx.request().path(), java.util.List.of());
        ctx.response().setStatusCode(503).putHeader("Retry-After", String.valueOf(retry))
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(SecurityProblems.json(problem));
    }
}
