package com.trustwatch.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON body of every error answer the framework itself writes (a body it cannot read, a path or
 * query value of the wrong type, an unknown path or method, a refused media type, a body too large,
 * no or wrong credentials), in the same shape as the service's own refusals ({@link ApiError}).
 * <p>
 * What the framework knows about a failure is turned into a sentence that names the field and says
 * what was expected; its own text (class names, parser locations, converter messages) is never
 * repeated. A body refused while it is read changes nothing: the request never reached a controller.
 */
@Singleton
public class ErrorBodies implements JsonErrorResponseBodyProvider<ApiError> {

    /** serde's words for a property the target record does not have, and for one sent twice. */
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[(.*?)] encountered");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate property \\[(.*?)] encountered");
    private static final Pattern TOKEN = Pattern.compile("Unexpected token (\\w+), expected (\\w+)");

    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        Throwable cause = context.getRootCause().orElse(null);
        if (status == HttpStatus.BAD_REQUEST.getCode() && cause != null) {
            FieldError problem = problem(cause);
            if (problem != null) {
                return ApiError.of("Refused; nothing was changed: " + problem, problem);
            }
        }
        return new ApiError(generic(status, response.reason(), context), List.of(), 0, null);
    }

    /**
     * The one thing wrong with a request the framework could not bind, or null if it is not known; the
     * console's pages say the same on a page of their own.
     */
    public static FieldError problem(Throwable cause) {
        BodyValueRefused refused = find(cause, BodyValueRefused.class);
        if (refused != null) {
            return new FieldError(null, refused.field(), refused.reason());
        }
        if (cause instanceof UnsatisfiedArgumentException u) {
            return new FieldError(null, name(u.getArgument()), isBody(u.getArgument())
                    ? "a JSON body is required" : "is required");
        }
        Argument<?> argument = cause instanceof ConversionErrorException c ? c.getArgument() : null;
        JsonProcessingException syntax = find(cause, JsonProcessingException.class);
        if (syntax != null) {
            String where = location(syntax.getLocation());
            String text = String.valueOf(syntax.getOriginalMessage());
            return new FieldError(null, "body", text.contains("UTF-8") || text.contains("UTF8")
                    ? "is not valid UTF-8" + where + "; send the body encoded as UTF-8"
                    : "is not valid JSON" + where);
        }
        SerdeException serde = find(cause, SerdeException.class);
        if (serde != null) {
            String text = String.valueOf(serde.getMessage());
            Matcher unknown = UNKNOWN.matcher(text);
            if (unknown.find()) {
                return new FieldError(null, unknown.group(1), "unknown field" + accepted(argument));
            }
            Matcher duplicate = DUPLICATE.matcher(text);
            if (duplicate.find()) {
                return new FieldError(null, duplicate.group(1), "appears twice; send each field once");
            }
            Matcher token = TOKEN.matcher(text);
            boolean kinds = token.find();
            String field = path(serde, "body");
            if (kinds && "body".equals(field)) {
                return new FieldError(null, "body", "must be a JSON object" + accepted(argument) + "; got " + words(token.group(1)));
            }
            return new FieldError(null, field, "has a value of the wrong kind"
                    + (kinds ? ": expected " + words(token.group(2)) + ", got " + words(token.group(1)) : ""));
        }
        if (argument != null && !isBody(argument)) {
            Object value = ((ConversionErrorException) cause).getConversionError().getOriginalValue().orElse(null);
            return new FieldError(null, name(argument), (value == null ? "has" : Echo.of(value.toString()) + " is")
                    + " not " + expected(argument.getType()));
        }
        if (argument != null) {
            return new FieldError(null, "body", "cannot be read as this endpoint's JSON body" + accepted(argument));
        }
        return null;
    }

    private static String generic(int status, String reason, ErrorContext context) {
        return switch (status) {
            case 400 -> "The request could not be read; nothing was changed. Check the path, the parameters and the body.";
            case 401 -> "Sign in: this call needs the credentials of a configured user.";
            case 403 -> "Your role does not allow this call.";
            case 404 -> "Nothing is found at " + Echo.plain(context.getRequest().getPath(), 120) + ".";
            case 405 -> "The method " + context.getRequest().getMethodName() + " is not allowed here.";
            case 406 -> "This call answers in JSON; ask for application/json.";
            case 413 -> "The request body is larger than the service accepts; nothing was changed.";
            case 415 -> "The body's media type is not the one this call takes (JSON, or text/csv for a roster import).";
            default -> status >= 500 ? "The service could not complete this request." : Echo.plain(String.valueOf(reason), 80) + ".";
        };
    }

    private static String accepted(Argument<?> argument) {
        if (argument == null || !isBody(argument)) {
            return "";
        }
        return BeanIntrospector.SHARED.findIntrospection(argument.getType())
                .map(i -> "; this call takes " + i.getBeanProperties().stream().map(BeanProperty::getName)
                        .collect(Collectors.joining(", ")))
                .orElse("");
    }

    private static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasAnnotation(Body.class);
    }

    private static String name(Argument<?> argument) {
        return isBody(argument) ? "body" : argument.getName();
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "of the expected form";
    }

    private static String words(String token) {
        return switch (token) {
            case "START_ARRAY" -> "an array";
            case "START_OBJECT" -> "an object";
            case "VALUE_STRING" -> "a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> "a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> "a boolean";
            case "VALUE_NULL" -> "null";
            default -> "something else";
        };
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /** The property path serde recorded ({@code matters[2]}), by JSON names only, or {@code fallback}. */
    private static String path(SerdeException e, String fallback) {
        StringBuilder out = new StringBuilder();
        for (ReferencePath step : e.getPath()) {
            if (step instanceof PropertyReferencePath p) {
                out.append(out.isEmpty() ? "" : ".").append(p.property().getName());
            } else if (step instanceof CollectionItemReferencePath c) {
                out.append('[').append(c.index()).append(']');
            }
        }
        return out.isEmpty() ? fallback : out.toString();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
