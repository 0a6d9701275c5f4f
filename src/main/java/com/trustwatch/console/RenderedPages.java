package com.trustwatch.console;

import io.micronaut.core.io.Writable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.exceptions.TemplateProcessingException;

import java.io.IOException;
import java.io.StringWriter;
import java.util.UUID;

/**
 * Renders each page completely before its status line goes out, so that a template that fails (a
 * typo in an expression, a null where a list was expected, a model method that throws) answers 500
 * with an error page instead of leaving the request unanswered.
 *
 * <p>Why: micronaut-views' filter hands the server a {@link Writable} that runs the template only
 * while the body is written, after the 200 and its headers are committed; an exception there reaches
 * no error handler, and the connection is left without a body. This filter sits outside the views
 * filter ({@link ServerFilterPhase#RENDERING} {@code .before()}), so it sees the {@code Writable} the
 * views filter produced, runs it into a string, and only then lets the answer go. The failure is
 * logged with the template, line and column Thymeleaf reports, under a reference the page shows.
 * The error page is fixed text, not a template: a page about a broken template cannot itself break.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class RenderedPages implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RenderedPages.class);

    @ResponseFilter
    HttpResponse<?> renderNow(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.body() instanceof Writable page) || !text(response)) {
            return response;
        }
        StringWriter html = new StringWriter();
        try {
            page.writeTo(html);
        } catch (IOException | RuntimeException e) {
            return failed(request, e);
        }
        return response.body(html.toString());
    }

    /** A page (text/html or another text type, or none said yet): characters, which a string holds as they are. */
    private static boolean text(MutableHttpResponse<?> response) {
        return response.getContentType().map(t -> "text".equals(t.getType()) || t.getName().equals(MediaType.APPLICATION_XHTML))
                .orElse(true);
    }

    private static HttpResponse<?> failed(HttpRequest<?> request, Exception e) {
        String reference = UUID.randomUUID().toString().substring(0, 13);
        TemplateProcessingException where = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof TemplateProcessingException p && p.getTemplateName() != null) {
                where = p; // the innermost one names the template and line that failed, not the page that included it
            }
        }
        LOG.error("the page {} {} could not be rendered, reference {}: template {}, line {}, column {}",
                request.getMethodName(), request.getPath(), reference,
                where == null ? "(unknown)" : where.getTemplateName(), where == null ? "?" : where.getLine(),
                where == null ? "?" : where.getCol(), e);
        return HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_HTML_TYPE)
                .body(errorPage(reference));
    }

    /** A plain page in the console's style; no value from the request or the failure appears in it but the reference. */
    static String errorPage(String reference) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
                + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "  <title>Page not available · Trustwatch</title>\n"
                + "  <link rel=\"stylesheet\" href=\"/assets/console.css\">\n</head>\n<body>\n"
                + "<main id=\"main\">\n  <h1>This page could not be shown</h1>\n"
                + "  <p>Trustwatch failed while it was drawing this page. Give the operator the reference <strong id=\"reference\">" + reference
                + "</strong>: what happened is logged under it.</p>\n"
                + "  <p><a href=\"/\">Back to your home page</a></p>\n</main>\n</body>\n</html>\n";
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.before();
    }
}
