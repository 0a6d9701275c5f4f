package com.trustwatch.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real SMTP server in-process (GreenMail), one per JVM, on a free port. */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop()));
        }
        return server;
    }

    public static int port() {
        return server().getSmtp().getPort();
    }

    /** What every mailbox holds now, to {@link #backTo} later. */
    public static Mailboxes mailboxes() {
        Map<GreenMailUser, List<MimeMessage>> held = new LinkedHashMap<>();
        try {
            for (GreenMailUser user : server().getUserManager().listUser()) {
                List<MimeMessage> messages = server().getManagers().getImapHostManager().getInbox(user).getMessages()
                        .stream().map(StoredMessage::getMimeMessage).toList();
                if (!messages.isEmpty()) {
                    held.put(user, messages);
                }
            }
        } catch (FolderException e) {
            throw new IllegalStateException("cannot read the test mail server's mailboxes", e);
        }
        return new Mailboxes(held);
    }

    /** Empties every mailbox, then puts back what {@code mailboxes} held. */
    public static void backTo(Mailboxes mailboxes) {
        try {
            server().purgeEmailFromAllMailboxes();
            for (Map.Entry<GreenMailUser, List<MimeMessage>> box : mailboxes.held.entrySet()) {
                for (MimeMessage message : box.getValue()) {
                    server().getManagers().getImapHostManager().getInbox(box.getKey()).store(message);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot put the test mail server's mailboxes back", e);
        }
    }

    /** The messages each mailbox held at one moment. */
    public static final class Mailboxes {
        private final Map<GreenMailUser, List<MimeMessage>> held;

        private Mailboxes(Map<GreenMailUser, List<MimeMessage>> held) {
            this.held = held;
        }
    }
}
