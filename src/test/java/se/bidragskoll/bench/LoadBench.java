package se.bidragskoll.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded open-loop load from a second process on loopback: a fixed request rate for a fixed time,
 * POST /api/v1/validate with a dossier file against a trivial endpoint (GET /q/health/live) side by
 * side. Prints p50, p99, max and throughput. Usage: LoadBench BASE_URL DOSSIER.json [rate] [seconds] [user]
 */
public final class LoadBench {

    private LoadBench() {
    }

    record Result(String name, int sent, int ok, List<Double> latenciesMs, double seconds) {

        double percentile(double p) {
            if (latenciesMs.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }
    }

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/$", "");
        byte[] dossier = args[1].startsWith("generated:")
                ? new com.fasterxml.jackson.databind.ObjectMapper().registerModule(
                        new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValueAsBytes(LedgerGenerator.dossier(Integer.parseInt(args[1].substring("generated:".length()))))
                : Files.readAllBytes(Path.of(args[1]));
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        String user = args.length > 4 ? args[4] : "kontroller-jh";
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        HttpRequest validate = HttpRequest.newBuilder(URI.create(base + "/api/v1/validate"))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(dossier)).build();
        HttpRequest trivial = HttpRequest.newBuilder(URI.create(base + "/q/health/live"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        // Warm-up, not counted.
        run(client, validate, "warm-up", Math.max(10, rate / 3), 15);
        Result a = run(client, validate, "POST /api/v1/validate", rate, seconds);
        Result b = run(client, trivial, "GET /q/health/live", rate, seconds);
        System.out.printf("%nbounded load: %d requests/s for %d s on loopback, dossier %s (%d bytes)%n", rate, seconds,
                args[1], dossier.length);
        System.out.printf("%-24s %7s %7s %9s %9s %9s %10s%n", "endpoint", "sent", "ok", "p50 ms", "p99 ms", "max ms", "req/s");
        for (Result r : List.of(a, b)) {
            System.out.printf("%-24s %7d %7d %9.1f %9.1f %9.1f %10.1f%n", r.name(), r.sent(), r.ok(), r.percentile(50),
                    r.percentile(99), r.percentile(100), r.ok() / r.seconds());
        }
        System.out.printf("ratio p50 %.1f, p99 %.1f%n", a.percentile(50) / b.percentile(50), a.percentile(99) / b.percentile(99));
        System.exit(0);
    }

    static Result run(HttpClient client, HttpRequest request, String name, int rate, int seconds) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ok = new AtomicInteger();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() > total) {
                return;
            }
            long t0 = System.nanoTime();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 200) {
                    ok.incrementAndGet();
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
            }));
        }, 0, 1_000_000L / rate, TimeUnit.MICROSECONDS);
        while (sent.get() < total) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(name, total, ok.get(), latencies, elapsed);
    }
}
