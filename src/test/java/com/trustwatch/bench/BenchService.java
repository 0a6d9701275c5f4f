package com.trustwatch.bench;

import com.trustwatch.support.ServiceProcess;
import com.trustwatch.support.TestDatabase;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service as the cold-start and replica benchmarks start it ({@link ServiceProcess}): on database
 * {@code url}, one ADMIN login, mail written to a temporary folder, and no dispatch pass during a
 * measurement.
 */
final class BenchService {

    static final String USER = "bench";
    static final String PASSWORD = "bench-secret";
    static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private BenchService() {
    }

    /** Launches the service with extra configuration {@code config} and JVM options; returns at once. */
    static ServiceProcess start(String url, Map<String, String> config, List<String> jvmOptions, Path log)
            throws IOException {
        return start(url, TestDatabase.user(), TestDatabase.password(), config, jvmOptions, null, log);
    }

    /**
     * As {@link #start(String, Map, List, Path)} on database {@code url} with this login, and with
     * {@code jar} not null the packaged service ({@code java -jar}) instead of the class path.
     */
    static ServiceProcess start(String url, String user, String password, Map<String, String> config,
                                List<String> jvmOptions, Path jar, Path log) throws IOException {
        return ServiceProcess.named("bench").log(log).jvm(jvmOptions).jar(jar).requestTimeout(Duration.ofMinutes(30))
                .property("datasources.default.url", url)
                .property("datasources.default.username", user)
                .property("datasources.default.password", password)
                .property("trustwatch.security.users." + USER + ".password",
                        com.trustwatch.security.PasswordHashes.hash(PASSWORD, 4))
                .property("trustwatch.security.users." + USER + ".roles", "ADMIN")
                .property("trustwatch.mail.mode", "folder")
                .property("trustwatch.mail.folder", Files.createTempDirectory("trustwatch-bench-mail-").toString())
                .property("trustwatch.mail.dispatch-initial-delay", "1h")
                .property("trustwatch.mail.dispatch-interval", "1h")
                // the synthetic book is evaluated as of its own fixed date, whenever the benchmark runs
                .property("trustwatch.input.as-of-past-days", "36500")
                .property("trustwatch.input.as-of-future-days", "36500")
                .properties(config)
                .start();
    }

    /** POST /api/evaluations with {@code json}; throws unless 200. Returns the body. */
    static String evaluate(ServiceProcess service, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = service.postJson(USER, PASSWORD, "/api/evaluations", json);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("evaluation answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    /** GET with the bench login; returns the body. */
    static String get(ServiceProcess service, String path) throws IOException, InterruptedException {
        return service.get(USER, PASSWORD, path).body();
    }
}
