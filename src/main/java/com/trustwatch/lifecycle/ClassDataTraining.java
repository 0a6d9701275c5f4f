package com.trustwatch.lifecycle;

import com.trustwatch.security.PasswordHashes;
import com.trustwatch.security.Roles;
import com.trustwatch.security.UserAccount;
import com.trustwatch.security.UserDirectory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The training run of the class-data-sharing archive ({@code java -XX:ArchiveClassesAtExit=… -jar
 * trustwatch.jar --cds-training}, run by the package step): the service started on a throwaway
 * in-memory database ({@code application-cds-training.yml}) serves, over its own HTTP port, what a
 * first start serves — the demo roster imported, a real evaluation and a dry run, the evaluation read
 * back, a health probe and the console's sign-in page — and then exits, so that the JVM writes every
 * class those loaded into the archive. The login it uses is made up for the run and kept in memory
 * only; mail goes to a folder under {@code target/}; nothing leaves the process.
 *
 * <p>Exits with status 0 when every call answered as expected, 1 otherwise (the build then fails).
 */
@Singleton
@Requires(env = ClassDataTraining.ENVIRONMENT)
public class ClassDataTraining {

    /** The program argument that starts a training run. */
    public static final String ARGUMENT = "--cds-training";
    /** The environment a training run starts the service in. */
    public static final String ENVIRONMENT = "cds-training";
    /** Where a training run writes its mail and its ruleset cache (relative to the working directory). */
    static final String FOLDER = "target/cds-training";

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataTraining.class);
    private static final String USER = "cds-training";

    private final UserDirectory users;
    private final WarmUp warmUp;

    ClassDataTraining(UserDirectory users, @Nullable WarmUp warmUp) {
        this.users = users;
        this.warmUp = warmUp;
    }

    /**
     * Points the run at its own throwaway places, as system properties so that no environment variable
     * or configuration file of a real installation can send it to the firm's database or mail server.
     */
    public static void isolate() {
        System.setProperty("datasources.default.url",
                "jdbc:h2:mem:cds-training;MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1");
        System.setProperty("datasources.default.username", "sa");
        System.setProperty("datasources.default.password", "");
        System.setProperty("micronaut.server.port", "-1");
        System.setProperty("trustwatch.mail.mode", "folder");
        System.setProperty("trustwatch.mail.folder", FOLDER + "/mail");
        System.setProperty("trustwatch.rules.cache-dir", FOLDER + "/ruleset-cache");
        System.setProperty("trustwatch.audit.checkpoint-file", FOLDER + "/audit-checkpoints.txt");
        System.setProperty("trustwatch.audit.key-file", FOLDER + "/audit-checkpoint.key");
        System.setProperty("trustwatch.evaluation.partitioned", "false");
        System.setProperty("trustwatch.sms.enabled", "false");
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        users.add(new UserAccount(USER, PasswordHashes.hash(password, 4), List.of(Roles.ADMIN)));
        String base = "http://127.0.0.1:" + event.getSource().getPort();
        // the calls run once startup has returned, as a client's would; then the JVM exits and writes the archive
        Thread thread = new Thread(() -> System.exit(train(base, password)), "cds-training");
        thread.start();
    }

    private int train(String base, String password) {
        try {
            if (warmUp != null) {
                warmUp.done().get(10, TimeUnit.MINUTES);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] roster;
            try (InputStream in = ClassDataTraining.class.getResourceAsStream("/demo/roster.csv")) {
                roster = in.readAllBytes();
            }
            expect(http, HttpRequest.newBuilder(URI.create(base + "/api/matters/import")).header("Authorization", auth)
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(roster)), 200);
            String evaluation = expect(http, json(base, auth, "{\"asOf\":\"" + WarmUp.ROSTER_DATE + "\"}"), 200);
            expect(http, json(base, auth, "{\"dryRun\":true,\"asOf\":\"" + WarmUp.ROSTER_DATE + "\"}"), 200);
            String id = evaluation.replaceFirst("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            expect(http, HttpRequest.newBuilder(URI.create(base + "/api/evaluations/" + id))
                    .header("Authorization", auth).GET(), 200);
            expect(http, HttpRequest.newBuilder(URI.create(base + "/health/readiness")).GET(), 200);
            expect(http, HttpRequest.newBuilder(URI.create(base + "/login")).GET(), 200);
            LOG.warn("Class-data training run done: the JVM now writes the archive");
            return 0;
        } catch (Exception | Error e) {
            LOG.error("Class-data training run failed", e);
            return 1;
        }
    }

    private static HttpRequest.Builder json(String base, String auth, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/evaluations")).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String expect(HttpClient http, HttpRequest.Builder request, int status)
            throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofMinutes(5)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(r.method() + " " + r.uri().getPath() + " answered "
                    + response.statusCode() + " instead of " + status + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        return response.body();
    }
}
