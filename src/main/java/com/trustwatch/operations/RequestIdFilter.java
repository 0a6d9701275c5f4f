package com.trustwatch.operations;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One request id per HTTP call: taken from the caller's {@code X-Request-Id} when it is a plain token
 * (letters, digits, {@code .-_:}, at most 64), else made up; put in the logging MDC as
 * {@code requestId} for every line logged while the call is handled (an evaluation's included, on
 * whichever thread Micronaut runs it: the MDC travels in the propagated context), and returned in the
 * answer's {@code X-Request-Id}.
 */
@ServerFilter(Filter.MATCH_ALL_PATTERN)
class RequestIdFilter implements Ordered {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @RequestFilter
    void tag(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(MDC_KEY, id);
        String before = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            context.add(new MdcPropagationContext());
        } finally {
            if (before == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, before);
            }
        }
    }

    @ResponseFilter
    void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(MDC_KEY, String.class).ifPresent(id -> response.header(HEADER, id));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
