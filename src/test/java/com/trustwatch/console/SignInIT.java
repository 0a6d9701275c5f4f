package com.trustwatch.console;

import com.trustwatch.support.Api;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in to the console: a form, a session cookie that scripts cannot read and other sites cannot
 * send, a CSRF token on every form, a new session id at sign-in, sign-out that ends the session, the
 * security headers, and HTTP Basic still working for the API.
 */
@MicronautTest(transactional = false)
class SignInIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    EmbeddedServer server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.http.client.follow-redirects", "false",
                "trustwatch.security.users.metrics.password", PASSWORD_HASH,
                "trustwatch.security.users.metrics.roles", "MONITORING");
    }

    @Test
    @DisplayName("a page without a session sends a browser to the sign-in form; the API answers 401 with the Basic challenge")
    void anonymous() {
        ConsoleClient browser = new ConsoleClient(http.toBlocking());
        ConsoleClient.Page today = browser.get("/today");
        assertThat(today.status()).isEqualTo(303);
        assertThat(today.location()).isEqualTo("/login?required=1");
        assertThat(today.headers().get(HttpHeaders.WWW_AUTHENTICATE)).as("no native password box in a browser").isNull();

        ConsoleClient.Page form = browser.get("/login?required=1");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"username\">User name</label>").contains("name=\"csrfToken\"");

        Api api = new Api(http.toBlocking());
        assertThat(api.get(null, "/api/exceptions").status()).isEqualTo(401);
        assertThat(api.get("billing", "/api/exceptions").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("signing in gives a new HttpOnly, SameSite=Strict session cookie and lands a billing manager on Today")
    void signIn() {
        ConsoleClient browser = new ConsoleClient(http.toBlocking());
        browser.get("/login");
        String before = browser.cookie;
        assertThat(before).as("the sign-in page makes a session for its CSRF token").startsWith("SESSION=");
        ConsoleClient.Page done = browser.post("/login", Map.of("username", "billing", "password", PASSWORD));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo("/");
        String set = done.cookies().stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        assertThat(set.toLowerCase()).contains("httponly").contains("samesite=strict").contains("path=/");
        assertThat(browser.cookie).as("a new session id at sign-in").isNotEqualTo(before);

        ConsoleClient.Page home = browser.get("/");
        assertThat(home.status()).isEqualTo(303);
        assertThat(home.location()).isEqualTo("/today");
        ConsoleClient.Page today = browser.get("/today");
        assertThat(today.status()).isEqualTo(200);
        assertThat(today.body()).contains("Signed in as <strong id=\"who\">billing</strong>");

        ConsoleClient old = new ConsoleClient(http.toBlocking());
        old.cookie = before;
        assertThat(old.get("/today").status()).as("the pre-sign-in session id is not signed in").isEqualTo(303);

        // the session id travels only in the HttpOnly cookie: never in a header a page's script could read,
        // and a header carrying it does not sign anyone in
        String id = browser.cookie.substring("SESSION=".length());
        for (ConsoleClient.Page page : List.of(done, home, today)) {
            assertThat(page.headers().names()).noneMatch(n -> n.equalsIgnoreCase("Authorization-Info")
                    || n.equalsIgnoreCase("X-Auth-Token"));
        }
        for (String header : List.of("Authorization-Info", "X-Auth-Token")) {
            ConsoleClient bare = new ConsoleClient(http.toBlocking());
            ConsoleClient.Page refused = bare.send(io.micronaut.http.HttpRequest.GET("/today").header(header, id));
            assertThat(refused.status()).as(header + " carrying the session id").isEqualTo(303);
            assertThat(refused.location()).startsWith("/login");
        }
    }

    @Test
    @DisplayName("a wrong password goes back to the form with a message, and signs nobody in")
    void wrongPassword() {
        ConsoleClient browser = new ConsoleClient(http.toBlocking());
        browser.get("/login");
        ConsoleClient.Page done = browser.post("/login", Map.of("username", "billing", "password", "not-it"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo("/login?error=1");
        assertThat(browser.get("/login?error=1").body()).contains("do not match a login");
        assertThat(browser.get("/today").status()).isEqualTo(303);
    }

    @Test
    @DisplayName("a form without the CSRF token, or with another session's, is refused and changes nothing")
    void csrf() {
        ConsoleClient browser = new ConsoleClient(http.toBlocking());
        browser.get("/login");
        ConsoleClient.Page noToken = browser.postRaw("/login", Map.of("username", "billing", "password", PASSWORD));
        assertThat(noToken.status()).as("sign-in without a token").isNotEqualTo(200);
        assertThat(noToken.location()).isNotEqualTo("/");
        assertThat(browser.get("/today").status()).isEqualTo(303);

        ConsoleClient billing = ConsoleClient.signedIn(http.toBlocking(), "billing");
        ConsoleClient other = ConsoleClient.signedIn(http.toBlocking(), "admin");
        billing.get("/today");
        ConsoleClient.Page refused = billing.postRaw("/today/preview", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).as("the page does not blame the billing manager's role alone")
                .contains("did not carry this session").doesNotContain("does not open this page");
        assertThat(billing.postRaw("/today/preview", Map.of("csrfToken", other.csrf)).status()).isEqualTo(403);
        assertThat(billing.postRaw("/logout", Map.of()).status()).as("sign-out needs the token too").isEqualTo(403);
        assertThat(billing.get("/today").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    @DisplayName("signing out ends the session: the old cookie no longer opens a page")
    void signOut() {
        ConsoleClient browser = ConsoleClient.signedIn(http.toBlocking(), "billing");
        browser.get("/today");
        String session = browser.cookie;
        ConsoleClient.Page out = browser.post("/logout", Map.of());
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/login?signed-out=1");
        assertThat(out.cookies()).anySatisfy(c -> assertThat(c).startsWith("SESSION=;").containsIgnoringCase("Max-Age=0"));
        ConsoleClient replay = new ConsoleClient(http.toBlocking());
        replay.cookie = session;
        assertThat(replay.get("/today").status()).isEqualTo(303);
    }

    @Test
    @DisplayName("every answer carries the CSP without inline scripts, nosniff, frame denial and a same-origin referrer policy")
    void headers() {
        ConsoleClient browser = new ConsoleClient(http.toBlocking());
        for (ConsoleClient.Page p : new ConsoleClient.Page[]{browser.get("/login"), browser.get("/today"),
                browser.get("/assets/console.css"), browser.get("/api/exceptions")}) {
            HttpHeaders h = p.headers();
            assertThat(h.get("Content-Security-Policy")).contains("script-src 'self';").doesNotContain("unsafe-inline")
                    .contains("frame-ancestors 'none'");
            assertThat(h.get("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(h.get("X-Frame-Options")).isEqualTo("DENY");
            assertThat(h.get("Referrer-Policy")).isEqualTo("same-origin");
        }
        assertThat(browser.get("/assets/htmx-2.0.11.min.js").status()).as("scripts are served by the service").isEqualTo(200);
    }

    @Test
    @DisplayName("each page answers 403 to a role the API behind it refuses, with a page that says so; a login for the API only is told so")
    void rolesPerPage() {
        ConsoleClient counsel = ConsoleClient.signedIn(http.toBlocking(), "ethics");
        assertThat(counsel.get("/today").status()).isEqualTo(403);
        assertThat(counsel.post("/today/preview", Map.of()).status()).isEqualTo(403);
        ConsoleClient scheduler = ConsoleClient.signedIn(http.toBlocking(), "scheduler");
        ConsoleClient.Page today = scheduler.get("/today");
        assertThat(today.status()).isEqualTo(403);
        assertThat(today.body()).contains("does not open this page").contains("href=\"/evaluations\"");
        assertThat(scheduler.get("/").location()).as("the scheduler's one page").isEqualTo("/evaluations");
        ConsoleClient.Page metrics = ConsoleClient.signedIn(http.toBlocking(), "metrics").get("/");
        assertThat(metrics.status()).isEqualTo(403);
        assertThat(metrics.body()).contains("is for the API, not the console");
        assertThat(ConsoleClient.signedIn(http.toBlocking(), "admin").get("/today").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a form whose body arrives after its headers is still checked and answered, never a 500")
    void slowFormBody() throws Exception {
        ConsoleClient browser = ConsoleClient.signedIn(http.toBlocking(), "billing");
        browser.get("/today");
        for (int attempt = 0; attempt < 3; attempt++) {
            String body = "csrfToken=" + java.net.URLEncoder.encode(browser.csrf, StandardCharsets.UTF_8) + "&note=";
            try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /today/exceptions/999999/acknowledge HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nAccept: " + ConsoleClient.BROWSER_ACCEPT + "\r\n"
                        + "Cookie: " + browser.cookie + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(150);
                out.write(body.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(status).isEqualTo("HTTP/1.1 303");
            }
        }
        assertThat(browser.get("/today").body()).contains("no exception item 999999");
    }
}
