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
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server on loopback that answers each recipient as a real one would: a mailbox whose local
 * part starts with "gone" is refused for good (550), one starting with "busy" for now (451), any
 * other is accepted and its message kept. For testing what the dispatcher does with each reply.
 */
public final class RefusingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    public RefusingSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "refusing-smtp");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The recipients of the messages taken. */
    public List<String> accepted() {
        return List.copyOf(accepted);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> converse(client), "refusing-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = client.getOutputStream()) {
            say(out, "220 refusing.example ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    say(out, "250 refusing.example");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    say(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
                    if (address.startsWith("gone")) {
                        say(out, "550 5.1.1 <" + address + ">: mailbox unavailable");
                    } else if (address.startsWith("busy")) {
                        say(out, "451 4.3.0 <" + address + ">: try again later");
                    } else {
                        recipients.add(address);
                        say(out, "250 2.1.5 ok");
                    }
                } else if (command.equals("DATA")) {
                    say(out, "354 end with <CRLF>.<CRLF>");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message itself is not needed
                    }
                    accepted.addAll(recipients);
                    say(out, "250 2.0.0 queued");
                } else if (command.equals("QUIT")) {
                    say(out, "221 2.0.0 bye");
                    return;
                } else {
                    say(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
