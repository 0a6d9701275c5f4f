package com.trustwatch.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

/**
 * The "refused" page as HTML, for answers given before or outside a controller (a security refusal, a
 * filter's, the framework's conversion error), which never reach the views filter: rendered here with the
 * model that filter would add (the sign-out form's CSRF token).
 */
@Singleton
class RefusalPages {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalPages.class);

    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final ViewsModelDecorator decorator;

    RefusalPages(ThymeleafViewsRenderer<Map<String, Object>> views, ViewsModelDecorator decorator) {
        this.views = views;
        this.decorator = decorator;
    }

    /**
     * The page for {@code model} (built by {@link Pages#model} with a {@code message}), or empty when it
     * could not be rendered (logged): the caller then answers as the API does.
     */
    Optional<String> render(HttpRequest<?> request, Map<String, Object> model) {
        ModelAndView<Map<String, Object>> page = new ModelAndView<>("refused", model);
        decorator.decorate(request, page);
        StringWriter html = new StringWriter();
        try {
            views.render("refused", page.getModel().orElse(model), request).writeTo(html);
            return Optional.of(html.toString());
        } catch (IOException | RuntimeException e) {
            LOG.error("the refusal page could not be rendered; answering as the API does", e);
            return Optional.empty();
        }
    }

    /**
     * A 400 answer for a signed-in person's request a filter refuses (titled "Not understood", saying
     * {@code message}): the page, or {@code message} as plain text when the page could not be rendered.
     */
    HttpResponse<?> notUnderstood(HttpRequest<?> request, Authentication user, String message) {
        Map<String, Object> m = Pages.model(request, user, "Not understood", "");
        m.put("message", message);
        return render(request, m).<HttpResponse<?>>map(html -> HttpResponse.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.TEXT_HTML_TYPE).body(html)).orElseGet(() -> HttpResponse
                .status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN_TYPE).body(message));
    }
}
