package com.trustwatch.console;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.trustwatch.support.IntegrationTest;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page whose template fails while it is drawn answers 500 with the console's error page and a
 * reference, and the log names the template and line under that reference. Without
 * {@link RenderedPages} these requests were left unanswered (the client's read timeout ends them).
 */
@MicronautTest(transactional = false)
class TemplateErrorIT extends IntegrationTest {

    @Inject
    @Client("/")
    HttpClient http;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Override
    protected Map<String, String> extraProperties() {
        // an unanswered request fails the test after this long instead of holding the build
        return Map.of("spec.name", "TemplateErrorIT", "micronaut.http.client.read-timeout", "30s",
                "micronaut.http.client.follow-redirects", "false");
    }

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(RenderedPages.class)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(RenderedPages.class)).detachAppender(logged);
    }

    @Test
    @DisplayName("a template expression that does not parse answers 500 with an error page, and the log names the template and line")
    void brokenExpression() {
        ConsoleClient.Page page = new ConsoleClient(http.toBlocking()).get("/test-only/pages/broken-expression");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.headers().getContentType()).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("This page could not be shown").doesNotContain("greeting +")
                .doesNotContain("Exception");
        String reference = reference(page.body());
        assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(reference)
                .contains("test-only-broken-expression").contains("line 7"));
    }

    @Test
    @DisplayName("a view model that throws while the page is drawn answers 500 with an error page, logged with the template and line")
    void throwingModel() {
        ConsoleClient.Page page = new ConsoleClient(http.toBlocking()).get("/test-only/pages/throwing-model");
        assertThat(page.status()).isEqualTo(500);
        assertThat(page.body()).contains("This page could not be shown").doesNotContain("first row");
        String reference = reference(page.body());
        assertThat(logged.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(reference)
                .contains("test-only-throwing-model").contains("line 6"));
    }

    @Test
    @DisplayName("a page that draws without fault still answers 200 with the whole page")
    void goodPageStillRenders() {
        ConsoleClient.Page page = new ConsoleClient(http.toBlocking()).get("/test-only/pages/good");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<li>first row</li>").contains("<li>second row</li>").endsWith("</html>\n");
    }

    private static String reference(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"reference\">([^<]+)<").matcher(body);
        assertThat(m.find()).as("a reference on the error page: %s", body).isTrue();
        return m.group(1);
    }

    /** A row of the test page; {@code label()} throws for a row built to fail, as a buggy model method would. */
    public record Row(String text, boolean fails) {
        public String label() {
            if (fails) {
                throw new IllegalStateException("a model method failed while the page was drawn");
            }
            return text;
        }
    }

    @Controller("/test-only/pages")
    @Requires(property = "spec.name", value = "TemplateErrorIT")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class TestOnlyPages {

        @Get(value = "/broken-expression", produces = MediaType.TEXT_HTML)
        HttpResponse<?> brokenExpression() {
            return HttpResponse.ok(new ModelAndView<>("test-only-broken-expression", Map.of("greeting", "hello")));
        }

        @Get(value = "/throwing-model", produces = MediaType.TEXT_HTML)
        HttpResponse<?> throwingModel() {
            return HttpResponse.ok(new ModelAndView<>("test-only-throwing-model",
                    Map.of("rows", List.of(new Row("first row", false), new Row("second row", true)))));
        }

        @Get(value = "/good", produces = MediaType.TEXT_HTML)
        HttpResponse<?> good() {
            return HttpResponse.ok(new ModelAndView<>("test-only-throwing-model",
                    Map.of("rows", List.of(new Row("first row", false), new Row("second row", false)))));
        }
    }
}
