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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main journeys in a real browser (headless Debian chromium): sign in, acknowledge an exception,
 * open a matter and see its chart. Each journey's last page is saved under target/screenshots; each
 * page is checked with axe-core (labels, contrast, keyboard basics) and for CSP complaints.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    @BeforeAll
    void bookAndBrowser() throws Exception {
        Api api = new Api(http.toBlocking());
        assertThat(api.postCsv("billing", "/api/matters/import", ConsolePagesIT.hostileRoster()).status()).isEqualTo(200);
        assertThat(api.postJson("billing", "/api/matters/" + HENDERSON + "/transactions", Map.of("type", "DRAWDOWN",
                "amount", "2000.00", "date", "2026-11-12", "description", "Hearing preparation")).status()).isEqualTo(201);
        assertThat(api.postJson("scheduler", "/api/evaluations", Map.of("asOf", "2026-11-20")).status()).isEqualTo(200);
        dispatcher.dispatchNow();
        browser = new Browser(server.getPort());
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    void assertAccessibleAndClean(String page) {
        List<Map<String, Object>> violations = browser.accessibilityViolations();
        assertThat(violations).as("axe-core on %s", page).isEmpty();
        assertThat(browser.consoleProblems()).as("browser console on %s (a CSP refusal shows here)", page).isEmpty();
    }

    @Test
    @Order(1)
    @DisplayName("a billing manager signs in through the form and lands on Today; the sign-in page passes axe-core")
    void signIn() {
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
    @Order(2)
    @DisplayName("acknowledging an exception with a note: the queue shows it acknowledged, by whom and why")
    void acknowledgeAnException() {
        browser.open("/today");
        WebElement row = browser.all("tr[id^=item-]").stream()
                .filter(r -> r.getText().contains(HENDERSON) && r.getText().contains("OPEN")).findFirst().orElseThrow();
        String id = row.getAttribute("id").substring("item-".length());
        browser.type("#ack-note-" + id, "Calling Dana Henderson today");
        browser.find("#ack-" + id).click();
        assertThat(browser.path()).isEqualTo("/today");
        assertThat(browser.find("#flash").getText()).isEqualTo("Exception item " + id + " acknowledged by billing.");
        assertThat(browser.find("#item-" + id).getText()).contains("ACKNOWLEDGED by billing")
                .contains("Calling Dana Henderson today");
        assertAccessibleAndClean("Today after acknowledging");
        browser.screenshot("today-acknowledged");
    }

    @Test
    @Order(3)
    @DisplayName("from the book to a matter: the balance chart is drawn and hostile client names read as text")
    void openAMatter() {
        browser.open("/book?client=holdings");
        assertThat(browser.find("#book").getText()).contains("<script>alert('owned')</script> Holdings");
        assertAccessibleAndClean("the book");
        browser.open("/book");
        browser.screenshot("book");
        browser.driver.findElement(org.openqa.selenium.By.linkText(HENDERSON)).click();
        assertThat(browser.path()).isEqualTo("/matters/" + HENDERSON);
        WebElement chart = browser.find("#balance-chart");
        assertThat(chart.isDisplayed()).isTrue();
        assertThat(browser.find("#balance-chart path.line").getAttribute("d")).startsWith("M");
        assertThat(browser.find("#chart-summary").getText()).contains("$1,240.00 on 2026-11-12");
        assertAccessibleAndClean("the matter page");
        browser.screenshot("matter");
    }

    @Test
    @Order(9)
    @DisplayName("signing out returns to the sign-in page and the console is closed again")
    void signOut() {
        browser.open("/today");
        browser.signOut();
        assertThat(browser.path()).isEqualTo("/login?signed-out=1");
        browser.open("/today");
        assertThat(browser.path()).isEqualTo("/login?required=1");
    }
}
