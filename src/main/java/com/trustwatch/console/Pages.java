package com.trustwatch.console;

import com.trustwatch.security.Roles;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.session.Session;
import io.micronaut.session.http.SessionForRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What every console page shares: who is signed in, the menu of the pages their roles may open (the
 * same roles as the API behind each page; attorneys also open the matter pages of their held requests), and a one-time message after a form was sent ("flash",
 * kept in the session so that no text travels in the address).
 */
final class Pages {

    /** A menu entry: its path, label and the roles that may open it. */
    record Link(String path, String label, Set<String> roles) {
    }

    static final Set<String> BILLING = Set.of(Roles.BILLING_MANAGER, Roles.ADMIN);
    static final Set<String> COUNSEL = Set.of(Roles.ETHICS_COUNSEL, Roles.ADMIN);
    static final Set<String> READERS = Set.of(Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN);

    static final List<Link> MENU = List.of(
            new Link("/today", "Today", BILLING),
            new Link("/book", "Book", BILLING),
            new Link("/reviews", "Held requests", Set.of(Roles.ATTORNEY, Roles.BILLING_MANAGER, Roles.ADMIN)),
            new Link("/policy", "Policy", READERS),
            new Link("/rules", "Rules", READERS),
            new Link("/evaluations", "Evaluations", Set.of(Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN,
                    Roles.SCHEDULER)),
            new Link("/audit", "Audit", COUNSEL),
            new Link("/reports", "Reports", BILLING));

    private static final String FLASH = "console.flash";
    private static final String FLASH_ERROR = "console.flash.error";

    private Pages() {
    }

    /** The model every page starts from: the user, their roles, their menu, the page's title and any message. */
    static Map<String, Object> model(HttpRequest<?> request, Authentication user, String title, String current) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", user.getName());
        m.put("roles", String.join(", ", user.getRoles()));
        m.put("title", title);
        m.put("current", current);
        m.put("menu", MENU.stream().filter(l -> may(user, l.roles())).map(l -> Map.of("path", l.path(),
                "label", l.label(), "current", l.path().equals(current))).toList());
        SessionForRequest.find(request).ifPresent(s -> {
            s.get(FLASH, String.class).ifPresent(text -> m.put("flash", text));
            s.get(FLASH_ERROR, String.class).ifPresent(text -> m.put("flashError", text));
            s.remove(FLASH);
            s.remove(FLASH_ERROR);
        });
        return m;
    }

    static boolean may(Authentication user, Collection<String> roles) {
        return user.getRoles().stream().anyMatch(roles::contains);
    }

    /**
     * Runs a form's action and answers 303 to {@code back}, with the outcome as the next page's message:
     * {@code done} on success, the refusal's own words when the use case refuses (a 409, 422 or 404 in the API).
     */
    static MutableHttpResponse<?> act(HttpRequest<?> request, String back, Supplier<String> action) {
        String message;
        boolean error = false;
        try {
            message = action.get();
        } catch (TransitionRefusedException | NoSuchElementException | IllegalArgumentException e) {
            message = e.getMessage();
            error = true;
        } catch (InvalidInput e) {
            message = e.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
            error = true;
        }
        flash(request, message, error);
        return HttpResponse.seeOther(URI.create(back));
    }

    static void flash(HttpRequest<?> request, String message, boolean error) {
        Session session = SessionForRequest.find(request).orElse(null);
        if (session != null && message != null) {
            session.put(error ? FLASH_ERROR : FLASH, message);
        }
    }

    /** Page links for a list of {@code total} rows, {@code size} a page, as page numbers from 1. */
    static List<Integer> pageNumbers(long total, int size, int current) {
        int last = (int) Math.max(1, (total + size - 1) / size);
        List<Integer> out = new ArrayList<>();
        for (int p = Math.max(1, current - 3); p <= Math.min(last, current + 3); p++) {
            out.add(p);
        }
        return out;
    }
}
