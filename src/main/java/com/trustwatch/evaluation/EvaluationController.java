package com.trustwatch.evaluation;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.security.Principal;
import java.util.NoSuchElementException;

/** The scheduler's trigger, and past evaluations. */
@ApiErrors
@Tag(name = "Evaluations")
@Controller("/api/evaluations")
@ExecuteOn(TaskExecutors.BLOCKING)
class EvaluationController {

    private final EvaluateMatters evaluate;

    EvaluationController(EvaluateMatters evaluate) {
        this.evaluate = evaluate;
    }

    @Post
    @Secured({Roles.SCHEDULER, Roles.ADMIN})
    EvaluationView trigger(@Nullable @Body EvaluationRequest request, Principal user) {
        return evaluate.run(request == null ? new EvaluationRequest(null, null, null) : request, user.getName());
    }

    @Get("/{id}")
    @Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
    EvaluationView get(@PathVariable String id) {
        return evaluate.find(id).orElseThrow(() -> new NoSuchElementException(
                "no recorded evaluation " + id + " (dry runs are not recorded)"));
    }
}
