package com.trustwatch.support;

import java.io.IOException;
import java.net.ServerSocket;
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

/**
 * The real service in a JVM of its own ({@code java -cp <this JVM's class path> com.trustwatch.Application}),
 * configured by system properties, so a test can kill it with SIGKILL ({@link Process#destroyForcibly()})
 * at a moment of its choosing. Its output goes to a log file under target/ that {@link #logTail()} shows.
 * Always {@link #close()} it (try-with-resources): a process left running would hold the database.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service with these properties (as -D options) and waits until it answers HTTP. */
    public static ServiceProcess start(String name, Map<String, String> properties, Duration startup)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = Path.of("target", name + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "-Dmicronaut.server.port=" + port));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("com.trustwatch.Application");
        Process process = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        try {
            service.awaitHttp(startup);
        } catch (IOException | InterruptedException | RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
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
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook, no finally block, no rollback but the database's own. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
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

    private void awaitHttp(Duration startup) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + startup.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rules"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " before answering HTTP:\n" + logTail());
            }
            try {
                http.send(probe, HttpResponse.BodyHandlers.discarding()); // 401 is an answer
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the service did not answer HTTP within " + startup + ":\n" + logTail());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
