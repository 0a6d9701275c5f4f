package com.trustwatch.lifecycle;

import com.trustwatch.web.ApiError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** 503 with Retry-After: the caller (the scheduler) should simply try again against a running instance. */
@Singleton
class ShuttingDownHandler implements ExceptionHandler<ShuttingDown, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, ShuttingDown e) {
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "30")
                .body(new ApiError(e.getMessage(), List.of()));
    }
}
