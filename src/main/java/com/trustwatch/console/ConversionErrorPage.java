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
import jakarta.inject.Singleton;

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

    private final RefusalPages pages;

    ConversionErrorPage(ErrorResponseProcessor<?> responseProcessor, RefusalPages pages) {
        super(responseProcessor);
        this.pages = pages;
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
        return pages.render(r, m).<HttpResponse<?>>map(html -> HttpResponse.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.TEXT_HTML_TYPE).body(html)).orElseGet(() -> super.handle(request, exception));
    }
}
