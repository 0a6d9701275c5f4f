package com.trustwatch.evaluation;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.security.Roles;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.Problems;
import com.trustwatch.web.RequestRefused;
import io.micronaut.http.HttpRequest;
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
import java.util.List;
import java.util.NoSuchElementException;

/** The scheduler's trigger, and past evaluations. */
@ApiErrors
@Tag(name = "Evaluations")
@Controller("/api/evaluations")
@ExecuteOn(TaskExecutors.BLOCKING)
class EvaluationController {

    /** The most matters one trigger may name; a larger selection is a whole-book run. */
    static final int MAX_SELECTION = 10_000;

    private final EvaluateMatters evaluate;
    private final AsOfWindow window;
    private final List<BeforeEvaluation> before;

    EvaluationController(EvaluateMatters evaluate, AsOfWindow window, List<BeforeEvaluation> before) {
        this.evaluate = evaluate;
        this.window = window;
        this.before = before;
    }

    /**
     * The trigger. The body is read strictly ({@link EvaluationRequest}); no body at all is a real run
     * of the whole book as of today. Before anything runs, asOf must lie in {@link AsOfWindow} and each
     * named matter must be a matter number, at most {@value #MAX_SELECTION} of them.
     */
    @Post
    @Secured({Roles.SCHEDULER, Roles.ADMIN})
    EvaluationView trigger(@Nullable @Body EvaluationRequest request, HttpRequest<?> http, Principal user) {
        RequestRefused.requireObjectIfSent(http, request);
        EvaluationRequest r = request == null ? new EvaluationRequest(null, null, null) : request;
        window.check(r.asOf());
        checkSelection(r.matters());
        if (!r.isDryRun()) {
            before.forEach(b -> b.beforeEvaluation(user.getName()));
        }
        return evaluate.run(r, user.getName());
    }

    private static void checkSelection(List<String> matters) {
        if (matters == null) {
            return;
        }
        if (matters.size() > MAX_SELECTION) {
            throw new InvalidInput(List.of(new FieldError(null, "matters", "names " + matters.size()
                    + " matters; at most " + MAX_SELECTION + " (leave matters out to evaluate the whole book)")));
        }
        Problems problems = new Problems();
        for (int i = 0; i < matters.size(); i++) {
            try {
                MatterFields.matterNumber(matters.get(i).strip());
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError(null, "matters[" + i + "]", e.getMessage()));
            }
        }
        problems.refuseIfAny();
    }

    @Get("/{id}")
    @Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
    EvaluationView get(@PathVariable String id) {
        return evaluate.find(id).orElseThrow(() -> new NoSuchElementException(
                "no recorded evaluation " + id + " (dry runs are not recorded)"));
    }
}
