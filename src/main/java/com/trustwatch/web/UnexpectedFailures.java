package com.trustwatch.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a failure nothing else answers (a database fault, a bug): 500 with a reference,
 * and the whole story (stack trace, SQL, messages) in the log under that reference, never in the
 * answer. An operator given the reference finds the log line.
 */
@Factory
class UnexpectedFailures {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedFailures.class);

    @Singleton
    ExceptionHandler<Exception, HttpResponse<ApiError>> unexpected() {
        return (HttpRequest request, Exception e) -> {
            String reference = UUID.randomUUID().toString().substring(0, 13);
            LOG.error("unexpected failure, reference {}, on {} {}", reference, request.getMethodName(), request.getPath(), e);
            return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR).body(new ApiError(
                    "The service could not complete this request. Give the operator the reference " + reference
                            + "; what happened is logged under it.", List.of(), 0, reference));
        };
    }
}
