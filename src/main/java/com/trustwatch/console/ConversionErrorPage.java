package com.trustwatch.console;

import com.trustwatch.web.ErrorBodies;
import com.trustwatch.web.FieldError;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * A console page opened with a parameter of the wrong kind ({@code /book?page=abc}, {@code /evaluations?page=1.5})
 * answers 400 with a page naming the parameter and what it takes, in the console's frame, instead of the
 * API's JSON refusal; nothing is shown as if it had been understood. Only for a signed-in person's request to
 * one of the console's own pages; every other request is answered as the framework answers it, in the
 * API's error shape ({@link ErrorBodies}).
 */
@Singleton
@Replaces(ConversionErrorHandler.class)
class ConversionErrorPage extends ConversionErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ConversionErrorPage.class);

    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final ViewsModelDecorator decorator;

    ConversionErrorPage(ErrorResponseProcessor<?> responseProcessor, ThymeleafViewsRenderer<Map<String, Object>> views,
                        ViewsModelDecorator decorator) {
        super(responseProcessor);
        this.views = views;
        this.decorator = decorator;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConversionErrorException exception) {
        HttpRequest<?> r = request;
        Authentication user = r.getUserPrincipal(Authentication.class).orElse(null);
        FieldError problem = ErrorBodies.problem(exception);
        if (user == null || problem == null || !UnknownPageParameters.consolePage(r)) {
            return super.handle(request, exception);
        }
        Map<String, Object> m = Pages.model(r, user, "Not understood", "");
        m.put("message", "Refused; nothing was changed: " + problem + ". Nothing is shown as if it had been understood.");
        ModelAndView<Map<String, Object>> page = new ModelAndView<>("refused", m);
        decorator.decorate(r, page);
        StringWriter html = new StringWriter();
        try {
            views.render("refused", page.getModel().orElse(m), r).writeTo(html);
        } catch (IOException | RuntimeException e) {
            LOG.error("the refusal page could not be rendered; answering as the API does", e);
            return super.handle(request, exception);
        }
        return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_HTML_TYPE).body(html.toString());
    }
}
