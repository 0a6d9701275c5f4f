package com.trustwatch.evaluation;

import com.trustwatch.action.ActionFilter;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.Severity;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.security.Roles;
import com.trustwatch.web.ApiError;
import com.trustwatch.web.ApiErrors;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.Problems;
import com.trustwatch.web.RequestRefused;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.security.Principal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheduler's trigger, and evaluations as jobs: each one's progress and counts, its actions by
 * page, the list, and cancel.
 *
 * <p>The trigger answers 200 with the evaluation once it has ended (500 if it FAILED), or 202 with its
 * {@code Location} when the caller does not wait for it: {@code Prefer: respond-async} (RFC 7240), or a
 * {@code wait} of some seconds (in the body, or {@code Prefer: wait=N}) that runs out. An
 * {@code Idempotency-Key} header seen before answers with the evaluation its first trigger started
 * ({@code Idempotent-Replayed: true}). While another real evaluation holds the book, a trigger is refused
 * 409 with that evaluation's {@code Location}, except the same whole-book run asked without waiting,
 * which is answered 202 with the running one.
 */
@ApiErrors
@Tag(name = "Evaluations")
@Controller("/api/evaluations")
@ExecuteOn(TaskExecutors.BLOCKING)
class EvaluationController {

    /** The most matters one trigger may name; a larger selection is a whole-book run. */
    static final int MAX_SELECTION = 10_000;
    /** How soon a caller following a running evaluation should look again, in seconds. */
    static final int POLL_AFTER_SECONDS = 5;
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,9})\"?");

    private final EvaluationJobs jobs;
    private final ReadEvaluations reader;
    private final EvaluationSettings settings;
    private final AsOfWindow window;
    private final List<BeforeEvaluation> before;

    EvaluationController(EvaluationJobs jobs, ReadEvaluations reader, EvaluationSettings settings, AsOfWindow window,
                         List<BeforeEvaluation> before) {
        this.jobs = jobs;
        this.reader = reader;
        this.settings = settings;
        this.before = before;
        this.window = window;
    }

    /**
     * The trigger. The body is read strictly ({@link EvaluationRequest}); no body at all is a real run
     * of the whole book as of today. Before anything runs, asOf must lie in {@link AsOfWindow} and each
     * named matter must be a matter number, at most {@value #MAX_SELECTION} of them.
     */
    @Post
    @Secured({Roles.SCHEDULER, Roles.ADMIN})
    HttpResponse<?> trigger(@Nullable @Body EvaluationRequest request, HttpRequest<?> http,
                            @Nullable @Header("Prefer") String prefer,
                            @Nullable @Header("Idempotency-Key") String idempotencyKey, Principal user) {
        RequestRefused.requireObjectIfSent(http, request);
        EvaluationRequest r = request == null ? new EvaluationRequest(null, null, null) : request;
        window.check(r.asOf());
        checkSelection(r.matters());
        boolean async = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async");
        Duration wait = waitOf(r, prefer, async);
        // connectors that refresh the book first (a practice-management sync) run before a real evaluation, and
        // only once the trigger is known to start one: a refused, replayed or busy trigger changes nothing
        EvaluationJobs.Answer answer = jobs.trigger(r, user.getName(), idempotencyKey, wait, () -> {
            if (!r.isDryRun()) {
                before.forEach(b -> b.beforeEvaluation(user.getName()));
            }
        });
        if (answer instanceof EvaluationJobs.Busy b) {
            return HttpResponse.<ApiError>status(HttpStatus.CONFLICT).header("Location", location(b.id()))
                    .body(new ApiError("Refused; nothing was started: evaluation " + b.id() + " as of " + b.asOf()
                            + " is " + b.status() + ", and one real evaluation of the book runs at a time."
                            + " Follow it at its Location, and trigger again once it has ended.", List.of()));
        }
        if (answer instanceof EvaluationJobs.Replayed p) {
            MutableHttpResponse<EvaluationView> response = p.ended() ? ended(view(p.id(), r.wantsActions()))
                    : accepted(view(p.id(), false), async);
            return response.header("Idempotent-Replayed", "true");
        }
        if (answer instanceof EvaluationJobs.Ended e) {
            return ended(view(e.id(), r.wantsActions()));
        }
        // Started (the wait ran out) or Joined (the same run was already under way): follow it
        return accepted(view(answer.id(), false), async);
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

    /** A body's {@code wait} wins over {@code Prefer: wait=N}; {@code respond-async} alone means 0; neither: until it ends. */
    private Duration waitOf(EvaluationRequest r, @Nullable String prefer, boolean async) {
        if (r.waitSeconds() != null) {
            return Duration.ofSeconds(Math.max(0, r.waitSeconds())); // range checked by the jobs, naming the field
        }
        if (prefer != null) {
            Matcher m = PREFER_WAIT.matcher(prefer);
            if (m.find()) {
                // a preference, not an order (RFC 7240): more than the most we wait is the most we wait
                return Duration.ofSeconds(Math.min(Long.parseLong(m.group(1)), settings.maxWait().toSeconds()));
            }
        }
        return async ? Duration.ZERO : null;
    }

    private EvaluationView view(String id, boolean withActions) {
        return reader.find(id, withActions).orElseThrow(() -> new NoSuchElementException("no evaluation " + id));
    }

    private static MutableHttpResponse<EvaluationView> ended(EvaluationView v) {
        return HttpResponse.status("FAILED".equals(v.status()) ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.OK)
                .body(v);
    }

    private static MutableHttpResponse<EvaluationView> accepted(EvaluationView v, boolean async) {
        MutableHttpResponse<EvaluationView> response = HttpResponse.<EvaluationView>status(HttpStatus.ACCEPTED).body(v)
                .header("Location", location(v.id())).header("Retry-After", Integer.toString(POLL_AFTER_SECONDS));
        return async ? response.header("Preference-Applied", "respond-async") : response;
    }

    private static String location(String id) {
        return "/api/evaluations/" + id;
    }

    @Get("/{id}")
    @Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
    EvaluationView get(@PathVariable String id) {
        return view(id, true);
    }

    /** Evaluations newest first; {@code from}/{@code to} are as-of dates (inclusive); body: an array, headers: paging. */
    @Get
    @Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
    HttpResponse<List<EvaluationView>> list(HttpRequest<?> http, @Nullable @QueryValue String from,
                                            @Nullable @QueryValue String to, @Nullable @QueryValue String status,
                                            @Nullable @QueryValue String dryRun, @Nullable @QueryValue Integer page,
                                            @Nullable @QueryValue Integer size) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate fromDate = date("from", from, errors);
        LocalDate toDate = date("to", to, errors);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            // an empty list would read as "no evaluations in that range", which is not what was asked
            errors.add(new FieldError(null, "from", fromDate + " is after to (" + toDate + "); the range is from one as-of"
                    + " date to a later one, both included"));
        }
        Evaluations.Status state = named("status", status, Evaluations.Status.values(), Evaluations.Status::valueOf,
                errors);
        Boolean dry = null;
        if (dryRun != null && !dryRun.isBlank()) {
            switch (dryRun.strip()) {
                case "true" -> dry = true;
                case "false" -> dry = false;
                default -> errors.add(new FieldError(null, "dryRun", "must be true or false; got '" + cut(dryRun) + "'"));
            }
        }
        int[] paging = paging(page, size, errors);
        refuseIfAny(errors);
        ReadEvaluations.Page<EvaluationView> found = reader.list(new Evaluations.Filter(fromDate, toDate, state, dry),
                (long) (paging[0] - 1) * paging[1], paging[1]);
        return paged(http, found, paging);
    }

    /** One page of an evaluation's actions, each with its outcome and delivery state; body: an array, headers: paging. */
    @Get("/{id}/actions")
    @Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
    HttpResponse<List<EvaluationView.Action>> actions(HttpRequest<?> http, @PathVariable String id,
                                                      @Nullable @QueryValue String type,
                                                      @Nullable @QueryValue String severity,
                                                      @Nullable @QueryValue String band,
                                                      @Nullable @QueryValue String matter,
                                                      @Nullable @QueryValue String outcome,
                                                      @Nullable @QueryValue Integer page,
                                                      @Nullable @QueryValue Integer size) {
        List<FieldError> errors = new ArrayList<>();
        ActionType t = named("type", type, ActionType.values(), ActionType::valueOf, errors);
        Severity s = named("severity", severity, Severity.values(), Severity::valueOf, errors);
        Band b = named("band", band, Band.values(), Band::valueOf, errors);
        String o = named("outcome", outcome, new String[]{DryRunOutcomes.NEW, DryRunOutcomes.ALREADY_RECORDED,
                DryRunOutcomes.SUPPRESSED}, Function.identity(), errors);
        String m = matter == null || matter.isBlank() ? null : matter.strip();
        int[] paging = paging(page, size, errors);
        refuseIfAny(errors);
        ReadEvaluations.Page<EvaluationView.Action> found = reader.actions(id, new ActionFilter(t, s, b, m, o),
                (long) (paging[0] - 1) * paging[1], paging[1]);
        return paged(http, found, paging);
    }

    /** Admin and scheduler: 200 when it has ended (it was queued), 202 when it stops after its current chunk. */
    @Post("/{id}/cancel")
    @Secured({Roles.SCHEDULER, Roles.ADMIN})
    HttpResponse<EvaluationView> cancel(@PathVariable String id, Principal user) {
        boolean ended = jobs.cancel(id, user.getName());
        EvaluationView v = view(id, false);
        return ended || !"RUNNING".equals(v.status()) ? HttpResponse.ok(v)
                : HttpResponse.<EvaluationView>status(HttpStatus.ACCEPTED).body(v).header("Location", location(id));
    }

    /** {@code page} from 1, {@code size} from 1 to {@value #MAX_PAGE_SIZE} (default {@value #DEFAULT_PAGE_SIZE}). */
    private static int[] paging(@Nullable Integer page, @Nullable Integer size, List<FieldError> errors) {
        if (page != null && page < 1) {
            errors.add(new FieldError(null, "page", "must be 1 or more (pages count from 1)"));
        }
        if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
            errors.add(new FieldError(null, "size", "must be from 1 to " + MAX_PAGE_SIZE));
        }
        return new int[]{page == null ? 1 : page, size == null ? DEFAULT_PAGE_SIZE : size};
    }

    /**
     * A 200 carrying one page as a JSON array; {@code X-Total-Count} says how many items the whole list has,
     * {@code Link} (RFC 8288) where the first, previous, next and last pages are, with the same filters.
     */
    private static <T> HttpResponse<List<T>> paged(HttpRequest<?> http, ReadEvaluations.Page<T> found, int[] paging) {
        int size = paging[1];
        int last = (int) Math.max(1, (found.total() + size - 1) / size);
        List<String> links = new ArrayList<>();
        links.add(link(http, 1, size, "first"));
        if (paging[0] > 1) {
            links.add(link(http, Math.min(paging[0] - 1, last), size, "prev"));
        }
        if (paging[0] < last) {
            links.add(link(http, paging[0] + 1, size, "next"));
        }
        links.add(link(http, last, size, "last"));
        return HttpResponse.ok(found.items()).header("X-Total-Count", Long.toString(found.total()))
                .header("Link", String.join(", ", links));
    }

    private static String link(HttpRequest<?> http, int page, int size, String rel) {
        UriBuilder uri = UriBuilder.of(http.getPath());
        for (Map.Entry<String, List<String>> p : http.getParameters().asMap().entrySet()) {
            if (!p.getKey().equals("page") && !p.getKey().equals("size")) {
                p.getValue().forEach(v -> uri.queryParam(p.getKey(), v));
            }
        }
        return "<" + uri.queryParam("page", page).queryParam("size", size).build() + ">; rel=\"" + rel + "\"";
    }

    private static LocalDate date(String field, @Nullable String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return MatterFields.date(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, field, e.getMessage()));
            return null;
        }
    }

    private static <T> T named(String field, @Nullable String value, Object[] allowed, Function<String, T> parse,
                               List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        if (Arrays.stream(allowed).noneMatch(a -> a.toString().equals(wanted))) {
            errors.add(new FieldError(null, field, "'" + cut(value) + "' is not one of "
                    + String.join(", ", Arrays.stream(allowed).map(Object::toString).toList())));
            return null;
        }
        return parse.apply(wanted);
    }

    private static String cut(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }

    private static void refuseIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
