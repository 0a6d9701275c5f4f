package com.trustwatch.bench;

import com.trustwatch.support.TestDatabase;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trustwatch started as its own JVM process ({@code com.trustwatch.Application} on this JVM's class
 * path), configured by system properties, as a deployment would start it. Its output goes to a log
 * file; {@link #awaitReady()} waits for the HTTP port to accept connections.
 */
final class ServiceProcess implements AutoCloseable {

    static final String USER = "bench";
    static final String PASSWORD = "bench-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final long startedNanos;
    private final Path log;

    private ServiceProcess(Process process, int port, long startedNanos, Path log) {
        this.process = process;
        this.port = port;
        this.startedNanos = startedNanos;
        this.log = log;
    }

    /** Starts a service on database {@code url} with extra configuration {@code config} and JVM options. */
    static ServiceProcess start(String url, Map<String, String> config, List<String> jvmOptions, Path log)
            throws IOException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-Dmicronaut.server.port=" + port);
        cmd.add("-Ddatasources.default.url=" + url);
        cmd.add("-Ddatasources.default.username=" + TestDatabase.user());
        cmd.add("-Ddatasources.default.password=" + TestDatabase.password());
        cmd.add("-Dtrustwatch.security.users." + USER + ".password="
                + com.trustwatch.security.PasswordHashes.hash(PASSWORD, 4));
        cmd.add("-Dtrustwatch.security.users." + USER + ".roles=ADMIN");
        cmd.add("-Dtrustwatch.mail.mode=folder");
        // the synthetic book is evaluated as of its own fixed date, whenever the benchmark runs
        cmd.add("-Dtrustwatch.input.as-of-past-days=36500");
        cmd.add("-Dtrustwatch.input.as-of-future-days=36500");
        cmd.add("-Dtrustwatch.mail.folder=" + Files.createTempDirectory("trustwatch-bench-mail-"));
        cmd.add("-Dtrustwatch.mail.dispatch-initial-delay=1h");
        cmd.add("-Dtrustwatch.mail.dispatch-interval=1h");
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("com.trustwatch.Application");
        Files.createDirectories(log.getParent());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServiceProcess(p, port, t0, log);
    }

    /** Seconds from process start until the HTTP port accepts connections. */
    double awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return sinceStart();
            } catch (IOException notYet) {
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("the service did not open port " + port + " within 120 s; see " + log);
    }

    double sinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** POST /api/evaluations with {@code json}; throws unless 200. Returns the body. */
    String evaluate(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/evaluations"))
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("evaluation answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }

    /** GET with the bench login; returns the body. */
    String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The first number the log's line matching {@code pattern} (one group) shows, or -1. */
    long fromLog(Pattern pattern) throws IOException {
        Matcher m = pattern.matcher(Files.readString(log));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
