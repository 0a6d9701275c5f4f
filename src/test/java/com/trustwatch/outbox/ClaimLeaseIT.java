package com.trustwatch.outbox;

import com.trustwatch.action.Actions;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.mail.ComposeMessages;
import com.trustwatch.mail.MailException;
import com.trustwatch.mail.MailSettings;
import com.trustwatch.mail.Mailer;
import com.trustwatch.mail.OutgoingMessage;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.db.LockConflicts;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.Received;
import com.trustwatch.support.TestClock;
import com.trustwatch.support.TestMail;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dispatcher whose send outlives its claim (a mail server that stalls past the lease) while another
 * dispatcher takes the message over and delivers it: what the late one finally learns must not undo
 * what the one that took over recorded.
 */
@MicronautTest(transactional = false)
class ClaimLeaseIT extends IntegrationTest {

    static final String HENDERSON = "M-2024-0847";
    static final int CLAIM_SECONDS = 120;

    @Inject
    Dispatcher dispatcher;
    @Inject
    TestClock clock;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> tx;
    @Inject
    Actions actions;
    @Inject
    Outbox outbox;
    @Inject
    ExceptionQueue queue;
    @Inject
    @Named(TaskExecutors.SCHEDULED)
    TaskScheduler scheduler;
    @Inject
    MatterRepository matterRepository;
    @Inject
    ComposeMessages compose;
    @Inject
    AuditLog auditLog;
    @Inject
    MailSettings mailSettings;
    @Inject
    LockConflicts lockConflicts;

    long requestRow;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("trustwatch.mail.claim-seconds", Integer.toString(CLAIM_SECONDS),
                "trustwatch.mail.max-attempts", "2");
    }

    /** Henderson's request, recorded and delivered once, then put back in the outbox as not yet sent. */
    @BeforeEach
    void oneRequestWaiting() throws Exception {
        given().theDemoRoster()
                .drawdown(HENDERSON, "2000.00", "2026-11-12")
                .evaluatedAsOf("2026-11-20", HENDERSON)
                .dispatched();
        requestRow = count("SELECT o.id FROM outbox o JOIN planned_action a ON a.id = o.action_id"
                + " WHERE a.type = 'REPLENISHMENT_REQUEST' AND a.matter_number = '" + HENDERSON + "'");
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE outbox SET state = 'PENDING', attempts = 0, message_id = NULL, next_attempt_at = '"
                    + java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC) + "' WHERE id = " + requestRow);
        }
        TestMail.server().purgeEmailFromAllMailboxes();
    }

    @Test
    @DisplayName("a late failure from a dispatcher whose claim lapsed leaves the takeover's SENT alone: no retry, no dead letter")
    void lateFailureDoesNotUndoTheDelivery() throws Exception {
        long sentBefore = count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT'");
        StallingMailer stalled = new StallingMailer();
        Dispatcher slow = replicaWith(stalled);
        CompletableFuture<Dispatcher.Pass> late = CompletableFuture.supplyAsync(slow::dispatchNow);
        assertThat(stalled.entered.await(30, TimeUnit.SECONDS)).as("the slow dispatcher is sending").isTrue();
        assertThat(state()).isEqualTo("SENDING");

        clock.advanceSeconds(CLAIM_SECONDS + 1);
        Dispatcher.Pass takeover = dispatcher.dispatchNow();
        assertThat(takeover.sent()).isEqualTo(1);
        assertThat(state()).isEqualTo("SENT");
        String messageId = messageId();

        stalled.fail = true;
        stalled.release.countDown();
        late.get(30, TimeUnit.SECONDS);

        assertThat(state()).as("the takeover's delivery stands").isEqualTo("SENT");
        assertThat(messageId()).isEqualTo(messageId);
        assertThat(count("SELECT COUNT(*) FROM exception_item WHERE kind = 'DEAD_LETTER'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind IN ('SEND_FAILED', 'DEAD_LETTER')")).isZero();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT'")).isEqualTo(sentBefore + 1);
        clock.advanceSeconds(24 * 3600);
        assertThat(dispatcher.dispatchNow().sent()).as("nothing left to send again").isZero();
        assertThat(Received.copiesById(TestMail.server().getReceivedMessages())).containsExactly(Map.entry(messageId, 1));
    }

    @Test
    @DisplayName("a late success from a dispatcher whose claim lapsed is audited as a possible second copy under the same Message-ID")
    void lateSuccessIsAuditedAsAPossibleDuplicate() throws Exception {
        StallingMailer stalled = new StallingMailer();
        Dispatcher slow = replicaWith(stalled);
        CompletableFuture<Dispatcher.Pass> late = CompletableFuture.supplyAsync(slow::dispatchNow);
        assertThat(stalled.entered.await(30, TimeUnit.SECONDS)).isTrue();
        clock.advanceSeconds(CLAIM_SECONDS + 1);
        assertThat(dispatcher.dispatchNow().sent()).isEqualTo(1);
        String messageId = messageId();

        stalled.release.countDown();
        assertThat(late.get(30, TimeUnit.SECONDS).sent()).isEqualTo(1);

        assertThat(state()).isEqualTo("SENT");
        assertThat(stalled.messageId).as("both copies carry the same Message-ID").isEqualTo(messageId);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE kind = 'SENT' AND detail LIKE '%claim had lapsed%'"
                + " AND detail LIKE '%" + messageId + "%'")).isEqualTo(1);
    }

    private Dispatcher replicaWith(Mailer mailer) {
        return new Dispatcher(outbox, tx, actions, matterRepository, compose, mailer, queue, auditLog, mailSettings,
                clock, lockConflicts, scheduler, new com.trustwatch.lifecycle.Draining());
    }

    private String state() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT state FROM outbox WHERE id = " + requestRow)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String messageId() throws Exception {
        try (Connection c = db(); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT message_id FROM outbox WHERE id = " + requestRow)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A mail server that takes the message and then keeps the sender waiting until the test decides. */
    static final class StallingMailer implements Mailer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean fail;
        volatile String messageId;

        @Override
        public void send(OutgoingMessage message) {
            messageId = message.messageId();
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new MailException("the test never released the stalled send", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailException("interrupted", e);
            }
            if (fail) {
                throw new MailException("SMTP delivery failed: SocketTimeoutException: Read timed out", null);
            }
        }
    }
}
