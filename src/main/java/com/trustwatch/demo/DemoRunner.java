package com.trustwatch.demo;

import com.trustwatch.evaluation.EvaluateMatters;
import com.trustwatch.evaluation.EvaluationRequest;
import com.trustwatch.evaluation.EvaluationView;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.ledger.RecordTransaction;
import com.trustwatch.matter.ImportRoster;
import com.trustwatch.money.Money;
import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.mail.MailSettings;
import com.trustwatch.review.ReleaseRequest;
import com.trustwatch.review.ReviewView;
import com.trustwatch.security.PasswordHashes;
import com.trustwatch.security.Roles;
import com.trustwatch.security.UserAccount;
import com.trustwatch.security.UserDirectory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The newcomer demo: loads the demo roster and a little ledger history, runs one evaluation as of
 * the demo date, delivers its messages to the mail folder, prints what was decided, then what a dry
 * run of the same day says a real run would do now (nothing new, each action with its delivery
 * state), and how to do the same by hand. Passwords are made up at each start and printed; only their bcrypt hashes are
 * kept, in memory, like configured logins.
 */
@Singleton
@Requires(env = "demo")
class DemoRunner {

    private final ImportRoster importRoster;
    private final RecordTransaction ledger;
    private final EvaluateMatters evaluate;
    private final Dispatcher dispatcher;
    private final UserDirectory users;
    private final MailSettings mail;
    private final ReleaseRequest reviews;
    private final ExceptionQueue queue;
    private final String asOf;
    private final PrintStream out = System.out;

    DemoRunner(ImportRoster importRoster, RecordTransaction ledger, EvaluateMatters evaluate, Dispatcher dispatcher,
               UserDirectory users, MailSettings mail, ReleaseRequest reviews, ExceptionQueue queue,
               @Value("${trustwatch.demo.as-of}") String asOf) {
        this.importRoster = importRoster;
        this.ledger = ledger;
        this.evaluate = evaluate;
        this.dispatcher = dispatcher;
        this.users = users;
        this.mail = mail;
        this.reviews = reviews;
        this.queue = queue;
        this.asOf = asOf;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) throws IOException {
        Map<String, String> logins = new LinkedHashMap<>();
        for (Map.Entry<String, String> role : Map.of("admin", Roles.ADMIN, "scheduler", Roles.SCHEDULER,
                "billing", Roles.BILLING_MANAGER, "ethics", Roles.ETHICS_COUNSEL, "attorney", Roles.ATTORNEY).entrySet()) {
            byte[] secret = new byte[9];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            users.add(new UserAccount(role.getKey(), PasswordHashes.hash(password, PasswordHashes.DEFAULT_COST),
                    List.of(role.getValue())));
            logins.put(role.getKey(), password);
        }
        try (InputStream in = DemoRunner.class.getResourceAsStream("/demo/roster.csv")) {
            ImportRoster.Result imported = importRoster.importCsv(new InputStreamReader(in, StandardCharsets.UTF_8), "demo");
            out.println("\nImported the demo roster: " + imported.rows() + " matters.");
        }
        ledger.record("M-2024-0847", Map.of("type", "DRAWDOWN", "amount", "1200.00", "date", "2026-10-28",
                "description", "October fees"), "demo");
        ledger.record("M-2024-0847", Map.of("type", "DRAWDOWN", "amount", "800.00", "date", "2026-11-12",
                "description", "Hearing preparation"), "demo");

        EvaluationView evaluation = evaluate.run(new EvaluationRequest(false, asOf, null), "demo");
        dispatcher.dispatchNow();
        evaluation = evaluate.find(evaluation.id()).orElseThrow();
        printDecisions(evaluation);
        // the same day again as a dry run: what a real run would do now (nothing new: all of it is recorded)
        EvaluationView preview = evaluate.run(new EvaluationRequest(true, asOf, null), "demo");
        printPreview(preview);
        long messages;
        try (Stream<Path> files = Files.list(Path.of(mail.folder()))) {
            messages = files.count();
        }
        out.printf("%n%d message(s) written as .eml files to %s, for example:%n", messages,
                Path.of(mail.folder()).toAbsolutePath());
        try (Stream<Path> files = Files.list(Path.of(mail.folder()))) {
            files.sorted().limit(3).forEach(f -> out.println("  " + f.getFileName()));
        }
        List<ReviewView> held = reviews.list("PENDING", null, 100);
        out.printf(held.size() == 1
                        ? "%n%d client request waits for an attorney or billing manager to release it (GET /api/reviews):%n"
                        : "%n%d client requests wait for an attorney or billing manager to release them (GET /api/reviews):%n",
                held.size());
        for (ReviewView r : held) {
            out.printf("  review %d: %s %s for %s, held for %s%n", r.id(), r.matterNumber(), r.actionType(), dollars(r.amount()),
                    String.join(" and ", r.holds().stream().map(ReviewView.HoldView::code).toList()));
        }
        out.printf("%n%d open item(s) in the exception queue (GET /api/exceptions?status=OPEN), one per matter and concern.%n",
                queue.list("OPEN", null, null, 10_000).size());
        // the port the server really listens on (MICRONAUT_SERVER_PORT or -Dmicronaut.server.port moves it)
        String base = "http://localhost:" + event.getSource().getPort();
        out.printf("""

                Trustwatch keeps running at %s: stop it with Ctrl+C (or SIGTERM). Logins for this run only:
                  admin / %s   scheduler / %s   billing / %s   ethics / %s   attorney / %s

                Open the console in a browser: %s/login
                  billing (a billing manager) lands on Today: the exception queue, bands, dead letters, the book, policy
                  ethics (ethics counsel) lands on Rules: the catalogue and the compliance packs to sign off
                  attorney lands on Held requests: the client requests held for a person to release

                Or by hand with curl:
                  curl -u scheduler:%s -H 'Content-Type: application/json' -d '{"dryRun":true,"asOf":"%s"}' %s/api/evaluations
                  curl -u billing:%s %s/api/matters/M-2024-0847
                  curl -u billing:%s -H 'Content-Type: application/json' -d '{"type":"DEPOSIT","amount":"3760.00","date":"%s"}' %s/api/matters/M-2024-0847/transactions
                  curl -u ethics:%s %s/api/audit/verify
                  curl -u attorney:%s %s/api/reviews
                  curl -u attorney:%s -H 'Content-Type: application/json' -d '{"note":"Checked the ledger"}' %s/api/reviews/%s/approve
                  curl -i -u scheduler:%s -H 'Prefer: respond-async' -H 'Content-Type: application/json' -d '{"asOf":"%s"}' %s/api/evaluations
                  curl -u billing:%s '%s/api/evaluations?size=5'
                %n""", base, logins.get("admin"), logins.get("scheduler"), logins.get("billing"), logins.get("ethics"),
                logins.get("attorney"), base, logins.get("scheduler"), asOf, base, logins.get("billing"), base, logins.get("billing"), asOf, base,
                logins.get("ethics"), base, logins.get("attorney"), base, logins.get("attorney"), base,
                held.isEmpty() ? "1" : Long.toString(held.get(0).id()), logins.get("scheduler"), asOf, base,
                logins.get("billing"), base);
    }

    private void printDecisions(EvaluationView e) {
        out.printf("%nEvaluation %s as of %s, ruleset %s: %d matters, %d actions%n%n", e.id(), e.asOf(),
                e.rulesetVersion(), e.mattersEvaluated(), e.actionsDecided());
        table(e.actions());
    }

    private void printPreview(EvaluationView e) {
        out.printf("%nA dry run as of %s right after it (%s): what a real run would do now with each action:"
                + " %s%n%n", e.asOf(), e.id(), e.counts().byOutcome());
        table(e.actions());
    }

    /** An amount of the API's views ("3760.00") as people read it ("$3,760.00"); none reads "-". */
    private static String dollars(String decimal) {
        return decimal == null ? "-" : Money.letter(new java.math.BigDecimal(decimal));
    }

    private void table(List<EvaluationView.Action> actions) {
        String format = "%-12s %-22s %-9s %-30s %12s  %-30s %-7s %-16s %-15s%n";
        out.printf(format, "MATTER", "ACTION", "SEVERITY", "CODE", "AMOUNT", "TO", "RULE", "OUTCOME", "DELIVERY");
        out.printf(format, "-".repeat(12), "-".repeat(22), "-".repeat(9), "-".repeat(30), "-".repeat(12),
                "-".repeat(30), "-".repeat(7), "-".repeat(16), "-".repeat(15));
        for (EvaluationView.Action a : actions == null ? List.<EvaluationView.Action>of() : actions) {
            String to = a.recipients().to().isEmpty() ? "(exception queue)" : String.join(", ", a.recipients().to());
            out.printf(format, a.matterNumber(), a.type(), nz(a.severity()), cut(nz(a.code()), 30),
                    a.amount() == null ? "" : dollars(a.amount()), cut(to, 30), a.ruleId(), a.outcome(), nz(a.delivery()));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
