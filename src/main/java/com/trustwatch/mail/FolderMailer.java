package com.trustwatch.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.email.javamail.sender.JavaxEmailComposer;
import jakarta.inject.Singleton;
import jakarta.mail.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The newcomer's mailer: writes each message as an .eml file (open it with any mail client) into
 * the configured folder instead of sending it. Composed by the same micronaut-email code as SMTP mail.
 */
@Singleton
@Requires(property = "trustwatch.mail.mode", value = "folder", defaultValue = "folder")
class FolderMailer implements Mailer {

    private final JavaxEmailComposer composer;
    private final Path folder;

    FolderMailer(JavaxEmailComposer composer, MailSettings settings) {
        this.composer = composer;
        this.folder = Path.of(settings.folder());
    }

    @Override
    public void send(OutgoingMessage message) {
        try {
            Files.createDirectories(folder);
            Message mime = composer.compose(EmailMessages.toEmail(message).build());
            mime.setHeader("Message-ID", message.messageId());
            mime.saveChanges();
            String name = message.messageId().replaceAll("[^A-Za-z0-9.-]", "_") + ".eml";
            Path tmp = folder.resolve(name + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                mime.writeTo(out);
            }
            Files.move(tmp, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | jakarta.mail.MessagingException | RuntimeException e) {
            throw new MailException("cannot write the message to " + folder + ": " + e.getMessage(), e);
        }
    }
}
