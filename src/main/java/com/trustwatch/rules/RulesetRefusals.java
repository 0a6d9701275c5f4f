package com.trustwatch.rules;

import com.trustwatch.web.ApiError;
import com.trustwatch.web.FieldError;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused ruleset over HTTP: 422 with every problem, each naming its file and line or workbook, sheet and cell. */
@Singleton
class RulesetRefusals implements ExceptionHandler<RulesetException, HttpResponse<ApiError>> {

    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RulesetException e) {
        return HttpResponse.<ApiError>status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new ApiError("The ruleset was refused; nothing was changed",
                        e.problems().stream().map(p -> new FieldError(null, "ruleset", p)).toList()));
    }
}
