package com.trustwatch.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Maps refusals to clear JSON answers: 400 for a body that is not what the call takes, 422 with the bad fields (the first
 * {@link Problems#MAX_LISTED} and the total), 404 for an unknown matter, evaluation or exception
 * item, 409 for a move the exception queue does not allow (resolving an item twice), 412 for an
 * {@code If-Match} or {@code If-None-Match} that does not hold ({@link Preconditions}). What the
 * framework refuses itself is shaped by {@link ErrorBodies}; anything unexpected by
 * {@link UnexpectedFailures}.
 */
@Factory
class ErrorHandlers {

    @Singleton
    ExceptionHandler<InvalidInput, HttpResponse<ApiError>> invalid() {
        return (HttpRequest request, InvalidInput e) -> HttpResponse
                .<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new ApiError("Refused; nothing was changed: " + e.getMessage(), e.errors(), e.total(), null));
    }

    @Singleton
    ExceptionHandler<RequestRefused, HttpResponse<ApiError>> badRequest() {
        return (HttpRequest request, RequestRefused e) -> HttpResponse
                .<ApiError>badRequest(ApiError.of("Refused; nothing was changed: " + e.error(), e.error()));
    }

    @Singleton
    ExceptionHandler<NoSuchElementException, HttpResponse<ApiError>> notFound() {
        return (HttpRequest request, NoSuchElementException e) -> HttpResponse
                .<ApiError>notFound(new ApiError(Echo.plain(String.valueOf(e.getMessage()), 200), List.of()));
    }

    @Singleton
    ExceptionHandler<Preconditions.PreconditionFailed, HttpResponse<ApiError>> preconditionFailed() {
        return (HttpRequest request, Preconditions.PreconditionFailed e) -> HttpResponse
                .<ApiError>status(HttpStatus.PRECONDITION_FAILED)
                .body(new ApiError("Refused; nothing was changed: " + e.getMessage(), List.of()));
    }

    @Singleton
    ExceptionHandler<TransitionRefusedException, HttpResponse<ApiError>> conflict() {
        return (HttpRequest request, TransitionRefusedException e) -> HttpResponse
                .<ApiError>status(HttpStatus.CONFLICT)
                .body(new ApiError("Refused; nothing was changed: " + e.getMessage(), List.of()));
    }
}
