package com.trustwatch.console;

import com.trustwatch.outbox.Dispatcher;
import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.trustwatch.fixtures.Workbooks.BANDS;
import static com.trustwatch.fixtures.Workbooks.TIERS;
import static com.trustwatch.fixtures.Workbooks.edit;
import static com.trustwatch.fixtures.Workbooks.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main journeys in a real browser (headless Debian chromium): sign in, acknowledge an exception,
 * open a matter and see its chart. Each journey's last page is saved under target/screenshots; each
 * page is checked with axe-core (labels, contrast, keyboard basics) and for CSP complaints.
 */
@MicronautTest(transactional = false)
class ConsoleJourneysIT extends IntegrationTest {

    static final String HENDERSON = "M-2024-0847";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Inject
    Dispatcher dispatcher;

    Browser browser;

    @Override
    protected Map<String, String> extraProperties() {
        // a workbook upload compiles a ruleset: more than the client's default 10 s on a loaded machine
        return Map.of("micronaut.http.client.read-timeout", "120s");
    }

    @BeforeAll
    void browser() {
        browser = new Browser(server.getPort());
    }

    /** Each journey's starting point: the support resets the database before every test, then this builds the book. */
    @BeforeEach
    void book() throws Exception {
        Api api = new Api(http.toBlocking());
        assertThat(api.postCsv("billing", "/api/matters/import", ConsolePagesIT.hostileRoster()).status()).isEqualTo(200);
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DRAWDOWN",
                "amount", "2000.00", "date", "2026-11-12", "description", "Hearing preparation")).status()).isEqualTo(201);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20")).status()).isEqualTo(200);
        dispatcher.dispatchNow();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    void assertAccessibleAndClean(String page) {
        assertAccessibleAndClean(page, 200);
    }

    /**
     * No axe-core violation, nothing in the browser's console but the page's own status if it is a refusal,
     * and nothing to scroll sideways in the 1366-pixel window (a wide table scrolls in its own box).
     */
    void assertAccessibleAndClean(String page, int status) {
        List<Map<String, Object>> violations = browser.accessibilityViolations();
        assertThat(violations).as("axe-core on %s", page).isEmpty();
        assertThat(browser.consoleProblems()).as("browser console on %s (a CSP refusal shows here)", page)
                .allSatisfy(p -> assertThat(p).contains("the server responded with a status of " + status));
        assertThat(browser.sidewaysOverflow()).as("sideways scrolling on %s", page).isNull();
    }

    @Test
    @DisplayName("a billing manager signs in through the form and lands on Today; the sign-in page passes axe-core")
    void signIn() {
        browser.open("/login");
        browser.driver.manage().deleteAllCookies();
        browser.open("/today");
        assertThat(browser.path()).isEqualTo("/login?required=1");
        assertAccessibleAndClean("the sign-in page");
        browser.screenshot("sign-in");
        browser.signIn("billing", PASSWORD);
        assertThat(browser.path()).isEqualTo("/today");
        assertThat(browser.find("#who").getText()).isEqualTo("billing");
        assertAccessibleAndClean("Today");
    }

    @Test
    @DisplayName("acknowledging an exception with a note: the queue shows it acknowledged, by whom and why")
    void acknowledgeAnException() {
        signedInAs("billing");
        browser.open("/today");
        WebElement row = browser.all("tr[id^=item-]").stream()
                .filter(r -> r.getText().contains(HENDERSON) && r.getText().contains("OPEN")).findFirst().orElseThrow();
        String id = row.getAttribute("id").substring("item-".length());
        browser.type("#ack-note-" + id, "Calling Dana Henderson today");
        browser.follow("#ack-" + id);
        assertThat(browser.path()).isEqualTo("/today");
        assertThat(browser.find("#flash").getText()).isEqualTo("Exception item " + id + " acknowledged by billing.");
        assertThat(browser.find("#item-" + id).getText()).contains("ACKNOWLEDGED by billing")
                .contains("Calling Dana Henderson today");
        assertAccessibleAndClean("Today after acknowledging");
        browser.screenshot("today-acknowledged");
    }

    @Test
    @DisplayName("from the book to a matter: the balance chart is drawn and hostile client names read as text")
    void openAMatter() {
        signedInAs("billing");
        browser.open("/book?client=holdings");
        assertThat(browser.find("#book").getText()).contains("<script>alert('owned')</script> Holdings");
        assertAccessibleAndClean("the book");
        browser.open("/book");
        browser.screenshot("book");
        browser.follow(browser.driver.findElement(org.openqa.selenium.By.linkText(HENDERSON)));
        assertThat(browser.path()).isEqualTo("/matters/" + HENDERSON);
        WebElement chart = browser.find("#balance-chart");
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(browser.find("#balance-chart path.line").getAttribute("d")).startsWith("M");
        assertThat(browser.find("#chart-summary").getText()).contains("from $3,240.00 before the ledger entry of 2026-11-12 to $1,240.00");
        assertAccessibleAndClean("the matter page");
        browser.screenshot("matter");
    }

    @Test
    @DisplayName("a billing manager uploads a table, reads the lint's error naming the cell, uploads a fixed one and previews it")
    void uploadLintFixPreview() throws Exception {
        signedInAs("billing");
        browser.open("/policy");
        Path bad = write("bad", TIERS, edit(shipped(TIERS), "Tier reserves", "D5", "thirty"));
        browser.find("#upload-file").sendKeys(bad.toAbsolutePath().toString());
        browser.type("#upload-note", "tier 2 asks at 21 days");
        browser.follow("#upload");
        assertThat(browser.find("#lint").getText()).contains("The upload was refused; nothing changed")
                .contains("tier-thresholds.xlsx › Tier reserves › D5 (Request when runway is under (days)): 'thirty' is not a whole number");
        assertAccessibleAndClean("the refused upload", 422);
        browser.screenshot("policy-lint-error");

        // tier 2 asks at 21 days, and the bands' Tests sheet expects the threshold that follows from it
        Path good = write("good", TIERS, goodTiers());
        Path bands = write("good", BANDS, goodBands());
        browser.find("#upload-file").sendKeys(good.toAbsolutePath() + "\n" + bands.toAbsolutePath());
        browser.type("#upload-note", "tier 2 asks at 21 days");
        browser.follow("#upload");
        assertThat(browser.path()).matches("/policy/versions/\\d+");
        assertThat(browser.find("#state").getText()).isEqualTo("DRAFT");
        assertThat(browser.find("#tests-summary").getText()).startsWith("11 of 11 examples pass");
        assertThat(browser.find("#changes").getText()).contains("D6").contains("25").contains("21");

        browser.follow("#preview");
        assertThat(browser.path()).matches("/policy/versions/\\d+/preview");
        assertThat(browser.find("#preview-totals").getText()).contains("Matters whose client would be asked to replenish")
                .as("amounts in dollars").containsPattern("Amount requested \\$[0-9,]+\\.[0-9]{2} \\$[0-9,]+\\.[0-9]{2}");
        assertThat(browser.find("#band-chart").isDisplayed()).isTrue();
        assertAccessibleAndClean("the preview");
        browser.screenshot("policy-preview");
    }

    @Test
    @DisplayName("a second person approves and activates the version, then rolls back to version 1")
    void approveActivateRollBack() throws Exception {
        Api.Reply uploaded = new Api(http.toBlocking()).postFiles("billing", "/api/rulesets", Map.of(TIERS, goodTiers(), BANDS,
                goodBands()), Map.of("note", "tier 2 asks at 21 days"));
        assertThat(uploaded.status()).as("upload: %s", uploaded.body()).isEqualTo(201);
        int v = ((Number) uploaded.json().get("version")).intValue();
        signedInAs("billing");
        browser.open("/policy/versions/" + v);
        browser.follow("#approve");
        assertThat(browser.find("#flash-error").getText()).as("the uploader cannot approve their own version")
                .contains("version " + v).contains("billing");
        assertThat(browser.find("#state").getText()).isEqualTo("DRAFT");
        browser.signOut();
        browser.signIn("admin", PASSWORD);
        browser.open("/policy/versions/" + v);
        browser.follow("#approve");
        assertThat(browser.find("#flash").getText()).isEqualTo("Version " + v + " approved by admin.");
        browser.follow("#activate");
        assertThat(browser.find("#flash").getText()).startsWith("Version " + v + " is in force (v" + v + "-");
        assertThat(browser.find("#state").getText()).isEqualTo("ACTIVE");
        browser.open("/policy/versions/1");
        assertThat(browser.find("#activate").getText()).isEqualTo("Roll back to this version");
        browser.follow("#activate");
        assertThat(browser.find("#flash").getText()).startsWith("Version 1 is in force (v1-");
        browser.open("/policy");
        assertThat(browser.find("#version-1").getText()).contains("ACTIVE");
        assertThat(browser.find("#version-" + v).getText()).contains("RETIRED");
        assertAccessibleAndClean("Policy after the rollback");
        browser.screenshot("policy-rolled-back");
        browser.signOut();
    }

    @Test
    @DisplayName("ethics counsel signs off a compliance pack from the Rules page: who, when and the SHA-256 are shown")
    void counselSignsOff() {
        signedInAs("ethics");
        assertThat(browser.path()).isEqualTo("/rules");
        String before = browser.find("#pack-us-ca\\.drl").getText();
        assertThat(before).as("not signed off before").doesNotContain("Signed off").contains("Sign off this text");
        browser.type("#signoff-note-us-ca\\.drl", "Reviewed against Cal. RPC 1.15 and the State Bar handbook");
        browser.follow("#signoff-us-ca\\.drl");
        assertThat(browser.find("#flash").getText()).startsWith("Pack us-ca.drl signed off by ethics for SHA-256 ");
        assertThat(browser.find("#pack-us-ca\\.drl").getText()).contains("Signed off").contains("ethics");
        assertAccessibleAndClean("Rules");
        browser.screenshot("rules-signed-off");
    }

    @Test
    @DisplayName("every console page an administrator opens passes axe-core and fits a 1366-pixel window without scrolling sideways")
    void everyPageFits() {
        signedInAs("admin");
        for (String page : List.of("/today", "/book", "/matters/" + HENDERSON, "/reviews", "/policy",
                "/policy/versions/1", "/rules", "/evaluations", "/audit", "/reports", "/reports/trust-aging",
                "/reports/activity", "/reports/replenishment")) {
            browser.open(page);
            assertThat(browser.path()).as("opened, not redirected").isEqualTo(page);
            assertAccessibleAndClean(page);
        }
        browser.open("/today");
        browser.follow("#preview-today");
        assertThat(browser.path()).isEqualTo("/today/preview");
        assertAccessibleAndClean("the preview of today's run");
    }

    /** Tier 2 asks at 21 days instead of 25. */
    static byte[] goodTiers() throws java.io.IOException {
        return edit(edit(shipped(TIERS), "Tier reserves", "D6", 21), "Tier reserves", "B6",
                "Tier 2: request under 21 days of runway and refill to a 45-day reserve");
    }

    /** The bands' Tests sheet expecting the threshold that follows from tier 2 at 21 days. */
    static byte[] goodBands() throws java.io.IOException {
        return edit(shipped(BANDS), "Tests", "K8", 2100);
    }

    /** A fresh browser session signed in as {@code user} (each test starts from its own sign-in). */
    void signedInAs(String user) {
        browser.open("/login");
        browser.driver.manage().deleteAllCookies();
        browser.signIn(user, PASSWORD);
        assertThat(browser.find("#who").getText()).isEqualTo(user);
    }

    static Path write(String folder, String name, byte[] content) throws java.io.IOException {
        Path dir = Path.of("target", "console-uploads", folder);
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), content);
    }

    @Test
    @DisplayName("signing out returns to the sign-in page and the console is closed again")
    void signOut() {
        signedInAs("billing");
        browser.open("/today");
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/login?signed-out=1");
        browser.open("/today");
        assertThat(browser.path()).isEqualTo("/login?required=1");
    }
}
