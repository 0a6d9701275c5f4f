package com.trustwatch.console;

import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The sign-in page (its form posts to {@code /login}, handled by Micronaut Security) and the console's
 * front door {@code /}, which sends each person to the home of their role.
 */
@Hidden
@Controller
class SignInController {

    private final CsrfSessionTokens csrfTokens;

    SignInController(CsrfSessionTokens csrfTokens) {
        this.csrfTokens = csrfTokens;
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ModelAndView<Map<String, Object>> signIn(HttpRequest<?> request, @Nullable @QueryValue String error,
                                             @Nullable @QueryValue String required,
                                             @Nullable @QueryValue("signed-out") String signedOut) {
        // the sign-in form is CSRF-checked too: its token lives in a session made here
        csrfTokens.ensure(request);
        Map<String, Object> m = new HashMap<>();
        m.put("title", "Sign in");
        m.put("error", error != null);
        m.put("required", required != null);
        m.put("signedOut", signedOut != null);
        return new ModelAndView<>("login", m);
    }

    @Get(produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    HttpResponse<?> home(HttpRequest<?> request, Authentication user) {
        if (Pages.may(user, Pages.BILLING)) {
            return HttpResponse.seeOther(URI.create("/today"));
        }
        if (user.getRoles().contains(Roles.ATTORNEY)) {
            return HttpResponse.seeOther(URI.create("/reviews"));
        }
        if (user.getRoles().contains(Roles.ETHICS_COUNSEL)) {
            return HttpResponse.seeOther(URI.create("/rules"));
        }
        if (user.getRoles().contains(Roles.SCHEDULER)) {
            return HttpResponse.seeOther(URI.create("/evaluations"));
        }
        Map<String, Object> m = Pages.model(request, user, "Not a console login", "");
        m.put("message", "This login (" + String.join(", ", user.getRoles()) + ") is for the API, not the console:"
                + " it opens no page here.");
        return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("refused", m))
                .contentType(MediaType.TEXT_HTML_TYPE);
    }
}
