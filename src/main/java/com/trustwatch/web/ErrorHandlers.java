package com.trustwatch.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.NoSuchElementException;

/**
 * Maps refusals to clear JSON answers: 422 with every bad field, 404 for an unknown matter, evaluation
 * or exception item, 409 for a move the exception queue does not allow (resolving an item twice).
 */
@Factory
class ErrorHandlers {

    @Singleton
    ExceptionHandler<InvalidInput, HttpResponse<ApiError>> invalid() {
        return (HttpRequest request, InvalidInput e) -> HttpResponse
                .<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new ApiError("Refused; nothing was changed: " + e.getMessage(), e.errors()));
    }

    @Singleton
    ExceptionHandler<NoSuchElementException, HttpResponse<ApiError>> notFound() {
        return (HttpRequest request, NoSuchElementException e) -> HttpResponse
                .<ApiError>notFound(new ApiError(e.getMessage(), java.util.List.of()));
    }

    @Singleton
    ExceptionHandler<TransitionRefusedException, HttpResponse<ApiError>> conflict() {
        return (HttpRequest request, TransitionRefusedException e) -> HttpResponse
                .<ApiError>status(HttpStatus.CONFLICT)
                .body(new ApiError("Refused; nothing was changed: " + e.getMessage(), java.util.List.of()));
    }
}
