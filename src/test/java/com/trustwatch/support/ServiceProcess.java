package com.trustwatch.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real service in a JVM of its own ({@code java -cp <this JVM's class path> com.trustwatch.Application}),
 * configured by system properties, as a deployment starts it: for the crash tests, which kill it with
 * SIGKILL ({@link #kill()}) at a moment of their choosing, and for the cold-start and replica benchmarks,
 * which time it. Its output goes to a log file ({@code target/<name>.log} unless told otherwise) that
 * {@link #logTail()} shows. Always {@link #close()} it (try-with-resources): a process left running would
 * hold the database.
 *
 * <pre>{@code
 * try (ServiceProcess service = ServiceProcess.named("crash-it").properties(p).start()) {
 *     service.awaitReady(Duration.ofSeconds(240));
 *     service.postJson("scheduler", PASSWORD, "/api/evaluations", "{\"asOf\": \"2026-11-20\"}");
 *     service.kill();
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

    /** JVM options unless {@link Builder#jvm} says otherwise: a small heap, and C1 only for a quick start. */
    public static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Path log;
    private final Duration requestTimeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, int port, long startedNanos, Path log, Duration requestTimeout) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.log = log;
        this.requestTimeout = requestTimeout;
    }

    /** A service whose log is {@code target/<name>.log}; configure it, then {@link Builder#start()}. */
    public static Builder named(String name) {
        return new Builder(Path.of("target", name + ".log"));
    }

    /** Starts the service with these properties (as -D options) and waits until it answers on its HTTP port. */
    public static ServiceProcess start(String name, Map<String, String> properties, Duration startup)
            throws IOException, InterruptedException {
        ServiceProcess service = named(name).properties(properties).start();
        try {
            service.awaitReady(startup);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** How the process is started: JVM options, configuration, log file, request timeout. */
    public static final class Builder {
        private Path log;
        private List<String> jvm = TEST_JVM;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration requestTimeout = Duration.ofSeconds(120);
        private Path jar;

        private Builder(Path log) {
            this.log = log;
            // a service started by a test writes only under target/, like the tests (their defaults are trustwatch-data/)
            properties.put("trustwatch.rules.cache-dir", "target/test-data/ruleset-cache");
            properties.put("trustwatch.mail.folder", "target/test-data/mail");
            properties.put("trustwatch.audit.checkpoint-file", "target/test-data/process-audit-checkpoints.txt");
            properties.put("trustwatch.audit.key-file", "target/test-data/process-audit-checkpoint.key");
        }

        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        /** JVM options (heap, GC, -XX flags), instead of {@link #TEST_JVM}. */
        public Builder jvm(List<String> options) {
            this.jvm = List.copyOf(options);
            return this;
        }

        /** Configuration keys and values, passed as -D options (later ones win). */
        public Builder properties(Map<String, String> config) {
            properties.putAll(config);
            return this;
        }

        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Starts {@code java -jar jar} (the packaged service) instead of this JVM's class path. */
        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        /** How long {@link #postJson} and {@link #get} wait for an answer. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /** Launches the process on a free port and returns at once; {@link #awaitReady} waits for it. */
        public ServiceProcess start() throws IOException {
            int port = freePort();
            Path file = log.toAbsolutePath();
            Files.createDirectories(file.getParent());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvm);
            command.add("-Dmicronaut.server.port=" + port);
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            if (jar == null) {
                command.add("-cp");
                command.add(System.getProperty("java.class.path"));
                command.add("com.trustwatch.Application");
            } else {
                command.add("-jar");
                command.add(jar.toString());
            }
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            return new ServiceProcess(process, port, started, file, requestTimeout);
        }
    }

    /**
     * Waits until the HTTP port accepts connections; returns the seconds since the process started.
     * Fails with the log's last lines if the process exits first or {@code timeout} passes.
     */
    public double awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " before it opened its HTTP port:\n" + logTail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return sinceStart();
            } catch (IOException notYet) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the service", e);
                }
            }
        }
        throw new IllegalStateException("the service did not open its HTTP port within " + timeout + ":\n" + logTail());
    }

    /** Seconds since the process was started. */
    public double sinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** POSTs JSON with Basic credentials; returns the status and body. */
    public HttpResponse<String> postJson(String user, String password, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest request = request(user, password, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GETs with Basic credentials; returns the status and body. */
    public HttpResponse<String> get(String user, String password, String path) throws IOException, InterruptedException {
        return http.send(request(user, password, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String user, String password, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(requestTimeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** The number that {@code pattern}'s one group captures on the first matching line of the log, or -1. */
    public long fromLog(Pattern pattern) throws IOException {
        Matcher m = pattern.matcher(Files.readString(log));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** SIGTERM, as systemd or Kubernetes stop a service: shutdown hooks run (graceful shutdown). */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end by itself; its exit code, or null if it is still running at the deadline. */
    public Integer awaitExit(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** Waits until the service's log has a line containing {@code text}; false if it did not come in time. */
    public boolean awaitLog(String text, Duration patience) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The whole log the process wrote. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The last lines the process wrote, for a failure message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no shutdown hook, no finally block, no rollback but the database's own. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    /** Stops the process if it still runs: SIGTERM (an orderly shutdown), and SIGKILL after 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
