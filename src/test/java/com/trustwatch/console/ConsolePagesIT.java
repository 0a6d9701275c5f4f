package com.trustwatch.console;

import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages over HTTP for each role, on the demo book plus two clients with hostile names:
 * what each page shows, that names are shown as text (never markup), that forms act through the same
 * use cases as the API, and that a role the API refuses gets 403.
 */
@MicronautTest(transactional = false)
class ConsolePagesIT extends IntegrationTest {

    static final String SCRIPT_CLIENT = "<script>alert('owned')</script> Holdings";
    static final String FORMULA_CLIENT = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String HENDERSON = "M-2024-0847";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Dispatcher dispatcher;


    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.http.client.follow-redirects", "false");
    }

    /** The demo roster plus two low-balance matters whose clients have hostile names. */
    static String hostileRoster() throws java.io.IOException {
        String roster = demoRoster().stripTrailing();
        return roster + "\n"
                + "M-2026-0666,Script Matter,C-666,\"" + SCRIPT_CLIENT + "\",,Eve Mallory,eve@mallory.example,,,"
                + "Maria Lopez,mlopez@firm.example,ABA,Family,HOURLY,EVERGREEN,OPEN,,300.00,5000.00,2500.00,,,2026-09-15,2026-11-02,false,,\n"
                + "M-2026-0667,Formula Matter,C-667,\"" + FORMULA_CLIENT.replace("\"", "\"\"") + "\",,Eve Mallory,eve2@mallory.example,,,"
                + "James Okoro,jokoro@firm.example,US-CA,Commercial litigation,HOURLY,EVERGREEN,OPEN,,100.00,10000.00,,,9000.00,2026-10-01,2026-11-05,false,,\n";
    }

    /** The roster of {@link #hostileRoster()} with Henderson on a payment plan agreed since the evaluation. */
    static String hendersonOnAPaymentPlan() throws java.io.IOException {
        return hostileRoster().lines()
                .map(line -> line.startsWith(HENDERSON + ",") ? line.replace(",2026-11-02,false,,", ",2026-11-02,true,,") : line)
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    }

    /** Each test's starting point: the support resets the database before every test, then this builds the book. */
    @BeforeEach
    void importTheBook() throws Exception {
        Api api = new Api(http.toBlocking());
        Api.Reply imported = api.postCsv("billing", "/api/matters/import", hostileRoster());
        assertThat(imported.status()).as("import: %s", imported.body()).isEqualTo(200);
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DRAWDOWN",
                "amount", "2000.00", "date", "2026-11-12", "description", "Hearing <b>preparation</b>")).status()).isEqualTo(201);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20")).status()).isEqualTo(200);
        dispatcher.dispatchNow();
    }

    @Test
    @DisplayName("Today lists the open exceptions, bands of the last evaluation, ladder stages and its ruleset version")
    void today() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient.Page page = billing.get("/today");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Exception queue").contains(HENDERSON).contains("LOW_BALANCE_BREACH")
                .contains("as of <span>2026-11-20</span>").contains("id=\"bands\"").contains("Open low-balance episodes");
        assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<b>preparation</b>");
        ConsoleClient.Page preview = billing.post("/today/preview", Map.of());
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).as("the amount requested in dollars, not the API's decimal string")
                .containsPattern("Amount requested</th><td class=\"num\">\\$[0-9,]+\\.[0-9]{2}</td>");
    }

    @Test
    @DisplayName("acknowledging and resolving from Today records who and why, as the API does; a bare resolve is refused in words")
    void acknowledgeAndResolve() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        String body = billing.get("/today").body();
        Matcher m = Pattern.compile("id=\"ack-(\\d+)\"").matcher(body);
        assertThat(m.find()).isTrue();
        long item = Long.parseLong(m.group(1));

        ConsoleClient.Page ack = billing.post("/today/exceptions/" + item + "/acknowledge", Map.of("note", "Calling the client <today>"));
        assertThat(ack.status()).isEqualTo(303);
        assertThat(ack.location()).isEqualTo("/today");
        String after = billing.get("/today").body();
        assertThat(after).contains("Exception item " + item + " acknowledged by billing.")
                .contains("Calling the client &lt;today&gt;");
        Api api = new Api(http.toBlocking());
        assertThat(api.get("billing", "/api/exceptions/" + item).json()).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("handledBy", "billing").containsEntry("handledNote", "Calling the client <today>");

        ConsoleClient.Page stray = billing.post("/today/exceptions/" + item + "/resolve", Map.of("note", "done",
                "status", "RESOLVED"));
        assertThat(stray.status()).as("a field the action does not read").isEqualTo(400);
        assertThat(stray.body()).contains("The form sent a field this action does not have: &#39;status&#39; (it reads note)")
                .contains("Sign out");
        assertThat(api.get("billing", "/api/exceptions/" + item).json()).as("nothing changed").containsEntry("status", "ACKNOWLEDGED");

        billing.post("/today/exceptions/" + item + "/resolve", Map.of("note", ""));
        assertThat(billing.get("/today").body()).contains("a resolution without a note cannot be audited");
        assertThat(api.get("billing", "/api/exceptions/" + item).json()).containsEntry("status", "ACKNOWLEDGED");

        billing.post("/today/exceptions/" + item + "/resolve", Map.of("note", "Client wired the deposit"));
        assertThat(api.get("billing", "/api/exceptions/" + item).json()).containsEntry("status", "RESOLVED");
        List<Map<String, Object>> trail = api.get("ethics", "/api/audit?matter=" + api.get("billing",
                "/api/exceptions/" + item).json().get("matterNumber")).list();
        assertThat(trail).anySatisfy(e -> assertThat(e).containsEntry("kind", "EXCEPTION_RESOLVED").containsEntry("actor", "billing"));
    }

    @Test
    @DisplayName("the book shows every matter with balance, runway, band and stage, filters and pages on the server, and escapes names")
    void book() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient.Page all = billing.get("/book");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).contains("<span>14</span> matters").contains(HENDERSON)
                .contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; Holdings")
                .doesNotContain(SCRIPT_CLIENT).contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)");

        ConsoleClient.Page breach = billing.get("/book?band=BREACH");
        assertThat(breach.body()).contains(HENDERSON).doesNotContain("M-2025-0112");
        ConsoleClient.Page byClient = billing.get("/book?client=henderson");
        assertThat(byClient.body()).contains("<span>1</span> matters").contains(HENDERSON);
        ConsoleClient.Page byAttorney = billing.get("/book?attorney=okoro&jurisdiction=US-CA");
        assertThat(byAttorney.body()).contains("M-2025-0112").doesNotContain(HENDERSON);
        ConsoleClient.Page wildcard = billing.get("/book?client=%25");
        assertThat(wildcard.body()).as("a typed %% is a character, not a wildcard").contains("<span>0</span> matters");

        ConsoleClient.Page page2 = billing.get("/book?size=5&page=2&sort=balance&dir=asc");
        assertThat(page2.body()).contains("showing\n    <span>6</span>–<span>10</span>");
        ConsoleClient.Page first = billing.get("/book?size=1&sort=balance&dir=asc");
        assertThat(first.body()).as("the lowest balance (overdrawn) first").contains("M-2025-0415").doesNotContain("M-2026-0667");
        assertThat(page2.body()).as("page links keep the page size").contains("size=5");
    }

    @Test
    @DisplayName("the book refuses a filter, order or page it does not understand, naming the parameter, instead of showing the whole book")
    void bookRefusesWhatItDoesNotUnderstand() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient.Page band = billing.get("/book?band=breach");
        assertThat(band.status()).isEqualTo(400);
        assertThat(band.body()).contains("band: &quot;breach&quot; is not one of").contains("BREACH").doesNotContain(HENDERSON);
        assertThat(billing.get("/book?sort=fees").body()).contains("sort: &quot;fees&quot; is not one of");
        assertThat(billing.get("/book?dir=up").status()).isEqualTo(400);
        assertThat(billing.get("/book?status=ACTIVE").body()).contains("status: &quot;ACTIVE&quot; is not one of OPEN, PAUSED, CLOSED");
        assertThat(billing.get("/book?size=1000").body()).contains("size: 1000 is not between 1 and 200");
        assertThat(billing.get("/book?page=0").status()).isEqualTo(400);
        ConsoleClient.Page past = billing.get("/book?page=2");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body()).contains("page: 2 is past the last page (1) of 14 matters at 50 a page.");
    }

    @Test
    @DisplayName("the matter page draws the balance from the ledger, lists actions with their messages, flags and episodes")
    void matter() {
        ConsoleClient admin = ConsoleClient.signedIn(http.toBlocking(), "admin");
        ConsoleClient.Page page = admin.get("/matters/" + HENDERSON);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"balance-chart\"").contains("<path class=\"line\" d=\"M")
                .contains("Hearing &lt;b&gt;preparation&lt;/b&gt;").contains("REPLENISHMENT_REQUEST")
                .contains("Low-balance episodes").contains("id=\"audit\"")
                .as("runway at the burn rate a run uses, the ledger's, as the letter on the same page says")
                .contains("(the rate fees were drawn from trust over the last 90 days)").doesNotContain("no burn rate");
        assertThat(page.body()).as("Henderson's rule named once").contains("RP-020 Ask the billing contact")
                .doesNotContain("RP-020 RP-020");
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient.Page greene = billing.get("/matters/M-2025-0702");
        assertThat(greene.body()).as("a matter with nothing decided says why the policy does not watch it")
                .contains("not watched: a payment plan is agreed with the client").contains("id=\"floor\">$2,000.00");
        assertThat(billing.get("/book?client=greene").body()).contains("not watched: a payment plan is agreed");
        assertThat(billing.get("/book?client=henderson").body()).doesNotContain("not watched");
        ConsoleClient.Page hostile = billing.get("/matters/M-2026-0666");
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.body()).doesNotContain(SCRIPT_CLIENT).contains("&lt;script&gt;")
                .contains("The audit trail is for ethics counsel and admins");
        ConsoleClient.Page missing = billing.get("/matters/NO-SUCH");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no matter NO-SUCH in the book.");
        assertThat(billing.get("/matters/%3Cscript%3E").body()).doesNotContain("<script>");
    }

    @Test
    @DisplayName("the book keeps the last evaluation's band of a matter that moved to a payment plan since, and says the policy no longer watches it")
    void bandOfAMatterNoLongerWatched() throws Exception {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        assertThat(billing.get("/book?client=henderson").body()).contains("band-BREACH").doesNotContain("not watched");
        String onPlan = hendersonOnAPaymentPlan();
        assertThat(onPlan).contains(HENDERSON + ",Henderson Matter").contains("2026-11-02,true,,");
        Api.Reply imported = new Api(http.toBlocking()).postCsv("billing", "/api/matters/import", onPlan);
        assertThat(imported.status()).as("import: %s", imported.body()).isEqualTo(200);
        assertThat(billing.get("/book?client=henderson").body()).as("the band is the last run's; the matter is not watched now")
                .contains("band-BREACH").contains("not watched any more: a payment plan is agreed with the client");
        assertThat(billing.get("/book?client=greene").body()).as("a matter the last run did not band either")
                .contains("not watched: a payment plan is agreed").doesNotContain("not watched any more");
    }

    @Test
    @DisplayName("a request whose episode a payment plan ended, unpaid, counts as not paid before stage 2 and is no longer outstanding")
    void requestEndedByAPaymentPlan() throws Exception {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        assertThat(billing.get("/reports/replenishment?format=csv").body()).as("fresh, unpaid: not known yet")
                .contains("\"" + HENDERSON + "\",\"Maria Lopez\",\"2026-11-20\",\"true\",\"\",\"\",\"\",\"\",\"\"");
        String onPlan = hendersonOnAPaymentPlan();
        Api api = new Api(http.toBlocking());
        assertThat(api.postCsv("billing", "/api/matters/import", onPlan).status()).isEqualTo(200);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20")).status()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM low_balance_episode WHERE matter_number = '" + HENDERSON + "' AND status = 'STOPPED'"))
                .isEqualTo(1);
        assertThat(billing.get("/reports/replenishment?format=csv").body())
                .contains("\"" + HENDERSON + "\",\"Maria Lopez\",\"2026-11-20\",\"true\",\"\",\"\",\"\",\"2026-11-20\",\"false\"");
        ConsoleClient.Page page = billing.get("/reports/replenishment");
        assertThat(page.body()).as("the page says what counts as known").contains("whose low-balance episode ended without either");
    }

    @Test
    @DisplayName("Today, the book and the matter page answer 403 to ethics counsel and the scheduler, as their APIs do")
    void forbidden() {
        for (String user : List.of("ethics", "scheduler")) {
            ConsoleClient c = ConsoleClient.signedIn(http.toBlocking(), user);
            for (String path : List.of("/today", "/book", "/matters/" + HENDERSON)) {
                assertThat(c.get(path).status()).as("%s on %s", user, path).isEqualTo(403);
            }
            assertThat(c.post("/today/exceptions/1/resolve", Map.of("note", "x")).status()).isEqualTo(403);
            assertThat(c.post("/today/dead-letters/1/send-again", Map.of()).status()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("Policy, Rules, Evaluations and Audit answer each role as their APIs do, and show notes as text")
    void readingPages() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient ethics = ConsoleClient.signedIn(http.toBlocking(), "ethics");
        ConsoleClient admin = ConsoleClient.signedIn(http.toBlocking(), "admin");
        ConsoleClient scheduler = ConsoleClient.signedIn(http.toBlocking(), "scheduler");

        ConsoleClient.Page policy = billing.get("/policy");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.body()).contains("Upload edited workbooks").contains("<span>tier-thresholds.xlsx</span> · <span>Tier reserves</span>")
                .contains("TR-2");
        assertThat(ethics.get("/policy").body()).as("counsel reads policy, without the upload form")
                .contains("Decision tables in force").doesNotContain("Upload edited workbooks");
        assertThat(billing.get("/policy/versions/1").body()).contains("ACTIVE").contains("examples pass");
        assertThat(ethics.post("/policy/versions/1/approve", Map.of()).status()).isEqualTo(403);
        assertThat(scheduler.get("/policy").status()).isEqualTo(403);

        ConsoleClient.Page rules = ethics.get("/rules");
        assertThat(rules.status()).isEqualTo(200);
        assertThat(rules.body()).contains("Compliance packs and counsel").contains("us-ca.drl").contains("Not signed off")
                .contains("rule &quot;");
        assertThat(ethics.get("/").location()).isEqualTo("/rules");
        assertThat(billing.get("/rules").body()).doesNotContain("Sign off this text");
        assertThat(billing.post("/rules/packs/us-ca.drl/signoff", Map.of("note", "x")).status()).isEqualTo(403);
        assertThat(scheduler.get("/rules").status()).isEqualTo(403);

        assertThat(new Api(http.toBlocking()).postJson("scheduler", "/api/evaluations",
                Map.of("asOf", "2026-11-20", "dryRun", true)).status()).isEqualTo(200);
        ConsoleClient.Page evaluations = billing.get("/evaluations");
        assertThat(evaluations.body()).contains("2026-11-20").contains("DONE").contains("v1-")
                .as("a dry run is told apart from a real run, with who asked").contains("dry run (records and sends nothing)")
                .contains("real run").contains("<td>scheduler</td>")
                .as("times in the firm's zone, named").containsPattern("<td>\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [A-Z][^<]*</td>");
        assertThat(billing.get("/policy").body()).as("no raw ISO instants on the policy page")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d+Z");
        assertThat(scheduler.get("/evaluations").status()).isEqualTo(200);

        Map<String, Object> item = new Api(http.toBlocking()).get("billing", "/api/exceptions?status=OPEN").list().get(0);
        billing.post("/today/exceptions/" + item.get("id") + "/acknowledge", Map.of("note", "Calling the client <today>"));
        ConsoleClient.Page audit = ethics.get("/audit?matter=" + item.get("matterNumber") + "&verify=1");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body()).contains("The chain holds").contains("EXCEPTION_ACKNOWLEDGED")
                .contains("Calling the client &lt;today&gt;").doesNotContain("Calling the client <today>");
        assertThat(admin.get("/audit").status()).isEqualTo(200);
        assertThat(billing.get("/audit").status()).isEqualTo(403);
        assertThat(scheduler.get("/audit").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("reports: trust aging and a month's activity with charts; CSV downloads neutralise formula-like names")
    void reports() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        assertThat(billing.get("/reports").status()).isEqualTo(200);
        ConsoleClient.Page aging = billing.get("/reports/trust-aging");
        assertThat(aging.status()).isEqualTo(200);
        assertThat(aging.body()).contains("Empty or overdrawn").contains("M-2025-0415").contains("<svg")
                .contains("/assets/print.css").doesNotContain(SCRIPT_CLIENT);
        ConsoleClient.Page csv = billing.get("/reports/trust-aging?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("Content-Disposition")).startsWith("attachment; filename=\"trust-aging-");
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"")
                .doesNotContain(",\"=HYPERLINK").contains("\"-150.00\"");

        ConsoleClient.Page activity = billing.get("/reports/activity?month=2026-11");
        assertThat(activity.status()).isEqualTo(200);
        assertThat(activity.body()).contains(HENDERSON).contains("$2,000.00").contains("Reconciliations overdue");
        ConsoleClient.Page activityCsv = billing.get("/reports/activity?month=2026-11&format=csv");
        assertThat(activityCsv.body()).contains("\"" + HENDERSON + "\",\"Henderson Family Trust\",\"0.00\",\"2000.00\",\"0.00\"")
                .contains("\"TOTAL\"");
        assertThat(billing.get("/reports/activity?month=November").location()).isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("month: &#39;November&#39; is not a month written as YYYY-MM");

        Api api = new Api(http.toBlocking());
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DEPOSIT",
                "amount", "3760.00", "date", "2026-11-20", "description", "Client wire")).status()).isEqualTo(201);
        ConsoleClient.Page replenishment = billing.get("/reports/replenishment");
        assertThat(replenishment.status()).isEqualTo(200);
        assertThat(replenishment.body()).contains("Outstanding requests by age").contains("Maria Lopez").contains("2026-11");
        ConsoleClient.Page replenishmentCsv = billing.get("/reports/replenishment?format=csv");
        assertThat(replenishmentCsv.body()).contains("\"" + HENDERSON + "\",\"Maria Lopez\",\"2026-11-20\",\"true\",\"2026-11-20\",\"0\"");
        for (String user : List.of("ethics", "scheduler")) {
            ConsoleClient c = ConsoleClient.signedIn(http.toBlocking(), user);
            assertThat(c.get("/reports/trust-aging").status()).isEqualTo(403);
            assertThat(c.get("/reports/trust-aging?format=csv").status()).isEqualTo(403);
        }
    }

    @Test
    @DisplayName("reports refuse a format or month they do not understand, naming the parameter, instead of showing a page as if asked")
    void reportsRefuseWhatTheyDoNotUnderstand() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        for (String path : List.of("/reports/trust-aging?format=xlsx", "/reports/replenishment?format=pdf",
                "/reports/activity?month=2026-11&format=json", "/reports/trust-aging?format=CSV")) {
            ConsoleClient.Page refused = billing.get(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.body()).as(path).contains("format: &#39;").contains("is not one of csv")
                    .doesNotContain("<svg");
        }
        assertThat(billing.get("/reports/trust-aging?format=").status()).as("an empty format is the page").isEqualTo(200);

        assertThat(billing.get("/reports/activity?month=2999-01").location()).isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("month: &#39;2999-01&#39; is in the future");
        assertThat(billing.get("/reports/activity?month=0000-01").location()).isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("month: &#39;0000-01&#39; is before 1900-01");
        assertThat(billing.get("/reports/activity?month=%2B12026-01").location()).isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("is not a month written as YYYY-MM");
        assertThat(billing.get("/reports/activity?month=2026-13").location()).isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("there is no month 13");
        assertThat(billing.get("/reports/activity?month=2026-12").location()).as("next month, in the firm's zone").isEqualTo("/reports");
        assertThat(billing.get("/reports").body()).contains("month: &#39;2026-12&#39; is in the future");
        assertThat(billing.get("/reports/activity?month=2026-11").status()).as("the current month, so far").isEqualTo(200);
    }

    @Test
    @DisplayName("the evaluations, audit and held-request pages refuse a page or state they do not understand, naming the parameter")
    void listPagesRefuseWhatTheyDoNotUnderstand() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient ethics = ConsoleClient.signedIn(http.toBlocking(), "ethics");
        ConsoleClient attorney = ConsoleClient.signedIn(http.toBlocking(), "attorney");
        for (String page : List.of("0", "-3", "99")) {
            ConsoleClient.Page evaluations = billing.get("/evaluations?page=" + page);
            assertThat(evaluations.status()).as("evaluations page %s", page).isEqualTo(400);
            assertThat(evaluations.body()).contains("page: " + page + " is ");
            ConsoleClient.Page audit = ethics.get("/audit?page=" + page);
            assertThat(audit.status()).as("audit page %s", page).isEqualTo(400);
            assertThat(audit.body()).contains("page: " + page + " is ");
        }
        assertThat(billing.get("/evaluations?page=99").body()).contains("page: 99 is past the last page (1) of 1 evaluation");
        assertThat(billing.get("/evaluations?page=1").status()).isEqualTo(200);
        assertThat(ethics.get("/audit").status()).isEqualTo(200);

        ConsoleClient.Page state = attorney.get("/reviews?state=bogus");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.headers().getContentType().orElse("")).startsWith("text/html");
        assertThat(state.body()).contains("state: &#39;bogus&#39; is not one of PENDING");
        assertThat(attorney.get("/reviews?state=APPROVED").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a page opened with a parameter it does not read (a misspelt filter) is refused naming it, instead of the whole list as if filtered")
    void pagesRefuseParametersTheyDoNotRead() {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient.Page book = billing.get("/book?bands=BREACH");
        assertThat(book.status()).isEqualTo(400);
        assertThat(book.headers().getContentType().orElse("")).startsWith("text/html");
        assertThat(book.body()).contains("bands: is not a parameter of GET /book, which reads attorney, band, client, dir,"
                + " jurisdiction, page, size, sort, status").doesNotContain("M-2025-0415").contains("Sign out");
        ConsoleClient attorney = ConsoleClient.signedIn(http.toBlocking(), "attorney");
        assertThat(attorney.get("/reviews?status=APPROVED").body()).contains("status: is not a parameter of GET /reviews");
        assertThat(billing.get("/reports/activity?month=2026-11&fromat=csv").status()).isEqualTo(400);
        assertThat(billing.get("/book?band=BREACH&sort=matter&dir=asc&page=1").status()).isEqualTo(200);
        assertThat(billing.get("/today").status()).isEqualTo(200);
        ConsoleClient.Page notANumber = billing.get("/book?page=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.headers().getContentType().orElse("")).as("a page, not the API's JSON").startsWith("text/html");
        assertThat(notANumber.body()).contains("page: &#39;abc&#39; is not a whole number").doesNotContain("M-2025-0415")
                .contains("Sign out");
    }

    /** The Policy page's upload form, posted by {@code client} with {@code body} as its multipart parts. */
    private static ConsoleClient.Page upload(ConsoleClient client, io.micronaut.http.client.multipart.MultipartBody body) {
        return client.send(io.micronaut.http.HttpRequest.POST("/policy/upload", body)
                .contentType(io.micronaut.http.MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    @Test
    @DisplayName("a workbook upload without this session's CSRF token is refused and stores nothing")
    void uploadNeedsTheToken() throws Exception {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient other = ConsoleClient.signedIn(http.toBlocking(), "admin");
        billing.get("/policy");
        long versions = count("SELECT COUNT(*) FROM ruleset_version");
        byte[] tiers = com.trustwatch.fixtures.Workbooks.shipped(com.trustwatch.fixtures.Workbooks.TIERS);
        for (String token : new String[]{null, other.csrf, "forged"}) {
            var body = io.micronaut.http.client.multipart.MultipartBody.builder()
                    .addPart("file", "tier-thresholds.xlsx", io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, tiers)
                    .addPart("note", "no token");
            if (token != null) {
                body.addPart("csrfToken", token);
            }
            ConsoleClient.Page refused = upload(billing, body.build());
            assertThat(refused.status()).as("token %s", token).isEqualTo(403);
            assertThat(refused.body()).as("a page that says why").contains("did not carry this session");
        }
        assertThat(count("SELECT COUNT(*) FROM ruleset_version")).isEqualTo(versions);
        var good = io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("csrfToken", billing.csrf)
                .addPart("file", "tier-thresholds.xlsx", io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, tiers)
                .addPart("note", "the same tables again");
        ConsoleClient.Page stored = upload(billing, good.build());
        assertThat(stored.status()).isEqualTo(303);
        assertThat(stored.location()).isEqualTo("/policy/versions/" + (versions + 1));
    }

    @Test
    @DisplayName("a console upload is read as strictly as the API's: a workbook under another part's name or a part the form does not have is refused on the Policy page naming the part, and nothing is stored")
    void uploadPartsAreReadStrictly() throws Exception {
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        billing.get("/policy");
        long versions = count("SELECT COUNT(*) FROM ruleset_version");
        byte[] tiers = com.trustwatch.fixtures.Workbooks.shipped(com.trustwatch.fixtures.Workbooks.TIERS);
        var misnamed = io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("csrfToken", billing.csrf)
                .addPart("workbook", "tier-thresholds.xlsx", io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, tiers)
                .addPart("note", "tier 2 asks at 21 days");
        ConsoleClient.Page refused = upload(billing, misnamed.build());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("workbook: not a part of an upload").contains("The upload was refused");
        var stray = io.micronaut.http.client.multipart.MultipartBody.builder()
                .addPart("csrfToken", billing.csrf)
                .addPart("file", "tier-thresholds.xlsx", io.micronaut.http.MediaType.APPLICATION_OCTET_STREAM_TYPE, tiers)
                .addPart("note", "tier 2 asks at 21 days")
                .addPart("activate", "true");
        ConsoleClient.Page strayRefused = upload(billing, stray.build());
        assertThat(strayRefused.status()).isEqualTo(422);
        assertThat(strayRefused.body()).contains("activate: not a part of an upload");
        assertThat(count("SELECT COUNT(*) FROM ruleset_version")).isEqualTo(versions);
    }

    @Test
    @DisplayName("an attorney lands on the held requests and releases one; the API shows it released by them; counsel gets 403")
    void heldRequests() {
        Api api = new Api(http.toBlocking());
        List<Map<String, Object>> pending = api.get("attorney", "/api/reviews?state=PENDING").list();
        assertThat(pending).as("the demo book holds a request for an attorney").isNotEmpty();
        long id = ((Number) pending.get(0).get("id")).longValue();

        ConsoleClient attorney = ConsoleClient.signedIn(http.toBlocking(), "attorney");
        assertThat(attorney.get("/").location()).isEqualTo("/reviews");
        ConsoleClient.Page page = attorney.get("/reviews");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"review-" + id + "\"").contains("Release as proposed");
        assertThat(page.body()).as("amounts in dollars, as the letter writes them")
                .containsPattern("Asks for <strong>\\$[0-9,]+\\.[0-9]{2}</strong> \\(balance <span>-?\\$[0-9,]+\\.[0-9]{2}</span>");
        ConsoleClient.Page today = attorney.get("/today");
        assertThat(today.status()).as("Today is the billing managers'").isEqualTo(403);
        assertThat(today.headers().contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(today.body()).as("a page in the console's frame, not the API's JSON").contains("Not a page for your role")
                .contains("does not open this page").contains("href=\"/reviews\"")
                .as("the sign-out form keeps its CSRF token").containsPattern("name=\"csrfToken\" value=\"[^\"]+\"");
        assertThat(today.headers().get(HttpHeaders.WWW_AUTHENTICATE)).as("no Basic challenge: a browser would ask for a password").isNull();

        // the held request links its matter: the attorney sees the figures, ledger and letters they are asked to check
        String matter = pending.get(0).get("matterNumber").toString();
        assertThat(page.body()).contains("href=\"/matters/" + matter + "\"");
        ConsoleClient.Page figures = attorney.get("/matters/" + matter);
        assertThat(figures.status()).isEqualTo(200);
        assertThat(figures.body()).contains("Trust balance over time").contains("Fee-agreement floor")
                .contains("<a href=\"/reviews\">Held requests</a>").doesNotContain("href=\"/book\"")
                .as("the audit trail stays counsel's").doesNotContain("id=\"audit\"");
        ConsoleClient.Page other = attorney.get("/matters/" + HENDERSON);
        assertThat(other.status()).as("a matter without a held request is not the attorney's to read").isEqualTo(404);
        assertThat(other.body()).doesNotContain("Trust balance over time").doesNotContain("Henderson");

        ConsoleClient.Page declined = attorney.post("/reviews/" + id + "/decline", Map.of("reason", ""));
        assertThat(declined.location()).isEqualTo("/reviews");
        assertThat(attorney.get("/reviews").body()).contains("reason");
        assertThat(api.get("attorney", "/api/reviews/" + id).json()).containsEntry("state", "PENDING");

        attorney.post("/reviews/" + id + "/approve", Map.of("note", "Checked the <ledger>"));
        assertThat(attorney.get("/reviews").body()).contains("Request " + id + " for ").contains("released as proposed by attorney.");
        assertThat(api.get("attorney", "/api/reviews/" + id).json()).containsEntry("state", "APPROVED")
                .containsEntry("decidedBy", "attorney").containsEntry("note", "Checked the <ledger>");
        assertThat(attorney.get("/reviews?state=APPROVED").body()).contains("Checked the &lt;ledger&gt;");

        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        assertThat(billing.get("/today").body()).contains("id=\"held\"");
        assertThat(ConsoleClient.signedIn(http.toBlocking(), "ethics").get("/reviews").status()).isEqualTo(403);
    }

    @Test
    @DisplayName("a console form reads only the fields it names: a smuggled field is refused on a page naming it, and changes nothing")
    void formsAreStrict() {
        Api api = new Api(http.toBlocking());
        Map<String, Object> item = api.get("billing", "/api/exceptions?status=OPEN").list().get(0);
        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        billing.get("/today");
        ConsoleClient.Page refused = billing.post("/today/exceptions/" + item.get("id") + "/acknowledge",
                Map.of("note", "x", "handledBy", "someone else"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("&#39;handledBy&#39; (it reads note)").contains("Nothing was changed");
        assertThat(api.get("billing", "/api/exceptions/" + item.get("id")).json()).containsEntry("status", "OPEN");
        ConsoleClient.Page done = billing.post("/today/exceptions/" + item.get("id") + "/acknowledge", Map.of("note", "x"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(api.get("billing", "/api/exceptions/" + item.get("id")).json()).containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("handledBy", "billing").containsEntry("handledNote", "x");
    }
}
