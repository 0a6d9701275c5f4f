package com.trustwatch.support;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an SMTP server received, counted by Message-ID. GreenMail keeps one copy per recipient mailbox,
 * so a message to a client cc their attorney shows up twice: a message delivered once has exactly as
 * many copies as it has distinct recipients, and a message delivered twice has twice as many.
 */
public final class Received {

    private Received() {
    }

    public static String messageId(MimeMessage m) {
        try {
            String[] ids = m.getHeader("Message-ID");
            return ids == null ? "(none)" : ids[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies received per Message-ID. */
    public static Map<String, Integer> copiesById(MimeMessage[] received) {
        Map<String, Integer> out = new TreeMap<>();
        for (MimeMessage m : received) {
            out.merge(messageId(m), 1, Integer::sum);
        }
        return out;
    }

    public static List<String> recipients(MimeMessage m) {
        try {
            Address[] all = m.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * From the database: for every Message-ID the outbox recorded as sent, the distinct addresses (to,
     * cc and bcc) of the actions it carried, which is the number of copies one delivery leaves.
     */
    public static Map<String, Integer> expectedCopiesById(Connection c) throws SQLException {
        Map<String, Set<String>> addresses = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.message_id, a.to_addresses, a.cc_addresses,"
                + " a.bcc_addresses FROM outbox o JOIN planned_action a ON a.id = o.action_id WHERE o.state = 'SENT'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Set<String> set = addresses.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>());
                for (int col = 2; col <= 4; col++) {
                    String joined = rs.getString(col);
                    if (joined != null && !joined.isBlank()) {
                        set.addAll(Arrays.asList(joined.split(",")));
                    }
                }
            }
        }
        Map<String, Integer> out = new TreeMap<>();
        addresses.forEach((id, set) -> out.put(id, set.size()));
        return out;
    }

    /** Message-IDs that more than one outbox group was sent under (should never happen). */
    public static Map<String, Integer> idsSharedByGroups(Connection c) throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT message_id, COUNT(DISTINCT group_key) FROM outbox"
                + " WHERE message_id IS NOT NULL GROUP BY message_id HAVING COUNT(DISTINCT group_key) > 1");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }
}
