package com.trustwatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that takes a whole message and then never answers it: after the final "." the
 * client waits for a "250 OK" that does not come. That is the moment a crash makes a duplicate
 * possible: the message may well be delivered, but the sender never learns it. Every message it
 * swallowed is kept (raw), so a test can compare Message-IDs. {@link #release()} ends the stall: the
 * waiting client gets its "250 OK", and later messages are answered at once.
 */
public final class StallingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> swallowed = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    public StallingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "stalling-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on every message is acknowledged, the one a client is waiting for included. */
    public void release() {
        released.countDown();
    }

    /** The raw messages received in full (and, before {@link #release()}, never acknowledged). */
    public List<String> swallowed() {
        return List.copyOf(swallowed);
    }

    public List<String> swallowedMessageIds() {
        return swallowed.stream().map(StallingSmtpServer::messageId).toList();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                Thread t = new Thread(() -> converse(client), "stalling-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.ISO_8859_1)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 stalling.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-stalling.test\r\n250 8BITMIME");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder message = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            message.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                        }
                        swallowed.add(message.toString());
                        // and now say nothing: the client waits for its 250 until it gives up, dies, or the test releases it
                        try {
                            released.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        reply(out, "250 OK");
                    }
                    default -> reply(out, "250 OK"); // HELO, MAIL, RCPT, RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client died (that is the point) or the server closed
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static String messageId(String raw) {
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) {
                break; // end of headers
            }
            if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                return line.substring(11).trim();
            }
        }
        return "(none)";
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
