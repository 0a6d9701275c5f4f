package com.trustwatch.bench;

import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.security.PasswordHashes;
import com.trustwatch.security.UserAccount;
import com.trustwatch.security.UserDirectory;
import com.trustwatch.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long one page of the console's book takes on a large book (docs/benchmarks.md): a fresh
 * database with the synthetic book, one real evaluation as of the book's date (so bands and thresholds
 * exist), then a signed-in browser's GET of several book pages over HTTP (the whole page: query, count,
 * the page's actions and episodes, rendering), each {@code bench.repeats} times after two warm-up calls.
 * The target is 300 ms a page on 100,000 matters.
 *
 * <p>{@code mvn -B -ntp -Pbench-e2e test-compile exec:exec -Dbench.e2e.main=com.trustwatch.bench.BookPageBenchmark -Dbench.sizes=100000}
 */
public final class BookPageBenchmark {

    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "100000").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.getInteger("bench.repeats", 5);
        String first = TestDatabase.freshDatabase();
        System.out.printf("machine: %d cores, max heap %d MiB, java %s, database %s, load average at start %.1f%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), TestDatabase.describe(), load());
        for (int n = 0; n < sizes.length; n++) {
            int size = sizes[n];
            String url = n == 0 ? first : TestDatabase.freshDatabase();
            Path mail = Files.createTempDirectory("trustwatch-bench-mail-");
            Map<String, Object> p = new HashMap<>();
            p.put("micronaut.server.port", -1);
            p.put("datasources.default.url", url);
            p.put("datasources.default.username", TestDatabase.user());
            p.put("datasources.default.password", TestDatabase.password());
            p.put("trustwatch.mail.mode", "folder");
            p.put("trustwatch.mail.folder", mail.toString());
            p.put("trustwatch.mail.dispatch-interval", "1h");
            p.put("trustwatch.mail.dispatch-initial-delay", "1h");
            p.put("trustwatch.rules.cache-dir", "");
            try (ApplicationContext ctx = ApplicationContext.builder().deduceEnvironment(false).properties(p).start()) {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
                ctx.getBean(UserDirectory.class).add(new UserAccount("bench", PasswordHashes.hash("bench-password", 4),
                        List.of("BILLING_MANAGER")));
                try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), TestDatabase.password())) {
                    new SyntheticBook().insert(c, 42, size);
                }
                long t = System.nanoTime();
                EvaluateMatters.Summary real = ctx.getBean(EvaluateMatters.class)
                        .execute(new EvaluationRequest(false, SyntheticBook.AS_OF.toString(), null), "bench");
                System.out.printf("%n== %,d matters: real run as of %s recorded %,d actions in %.2f s%n", size,
                        SyntheticBook.AS_OF, real.actionsNew(), (System.nanoTime() - t) / 1e9);
                String base = "http://localhost:" + server.getPort();
                HttpClient http = HttpClient.newHttpClient();
                String cookie = signIn(http, base);
                int lastPage = Math.max(1, size / 50);
                for (String path : List.of("/book", "/book?page=" + lastPage / 2, "/book?sort=runway&dir=asc",
                        "/book?sort=balance&dir=desc&page=" + lastPage, "/book?band=BREACH", "/book?client=a&status=OPEN",
                        "/book?attorney=" + URLEncoder.encode("e", StandardCharsets.UTF_8) + "&jurisdiction=US-CA")) {
                    get(http, base + path, cookie);
                    get(http, base + path, cookie);
                    List<Double> ms = new ArrayList<>();
                    int bytes = 0;
                    double before = load();
                    for (int i = 0; i < repeats; i++) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = get(http, base + path, cookie);
                        ms.add((System.nanoTime() - s) / 1e6);
                        bytes = r.body().length();
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(path + " answered " + r.statusCode());
                        }
                    }
                    Collections.sort(ms);
                    System.out.printf("%-60s median %6.0f ms, max %6.0f ms (%d calls, %,d bytes, load average %.1f → %.1f)%n",
                            path, ms.get(ms.size() / 2), ms.get(ms.size() - 1), repeats, bytes, before, load());
                }
            }
        }
    }

    private static String signIn(HttpClient http, String base) throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        String anonymous = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String body = "csrfToken=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)
                + "&username=bench&password=bench-password";
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html,*/*;q=0.8")
                .header("Cookie", anonymous).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 303) {
            throw new IllegalStateException("sign-in answered " + done.statusCode());
        }
        return done.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .findFirst().orElseThrow().split(";", 2)[0];
    }

    private static HttpResponse<String> get(HttpClient http, String url, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").header("Cookie", cookie)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
