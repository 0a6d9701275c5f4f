package com.trustwatch.console;

import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.config.FirmTime;
import com.trustwatch.decision.Band;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.episode.Episodes;
import com.trustwatch.evaluation.Evaluations;
import com.trustwatch.ledger.LedgerRepository;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.money.Money;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The book: every matter with its trust balance, runway, tier, threshold, band, last client request
 * and ladder stage, filtered by band, attorney, client, jurisdiction and status, sorted, one page at a
 * time (the database pages, so a book of 100,000 matters reads as quickly as one of 100). Band and
 * threshold are those of the last finished evaluation's decisions; a matter it asked nothing about has
 * none. The roles of the matters API: billing managers and admins.
 */
@Hidden
@Controller("/book")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class BookController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    static final List<String> SORTS = List.of("matter", "client", "attorney", "balance", "runway");
    static final List<String> STATUSES = List.of("OPEN", "PAUSED", "CLOSED");
    static final List<String> DIRECTIONS = List.of("asc", "desc");

    private final MatterRepository matters;
    private final Actions actions;
    private final Episodes episodes;
    private final Evaluations evaluations;
    private final LedgerRepository ledger;
    private final FirmTime firmTime;
    private final AtomicReference<BandsOf> bands = new AtomicReference<>();

    BookController(MatterRepository matters, Actions actions, Episodes episodes, Evaluations evaluations,
                   LedgerRepository ledger, FirmTime firmTime) {
        this.matters = matters;
        this.ledger = ledger;
        this.actions = actions;
        this.episodes = episodes;
        this.evaluations = evaluations;
        this.firmTime = firmTime;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<ModelAndView<Map<String, Object>>> book(HttpRequest<?> request, Authentication user,
                                           @Nullable @QueryValue String client, @Nullable @QueryValue String attorney,
                                           @Nullable @QueryValue String jurisdiction, @Nullable @QueryValue String band,
                                           @Nullable @QueryValue String status, @Nullable @QueryValue String sort,
                                           @Nullable @QueryValue String dir, @Nullable @QueryValue Integer page,
                                           @Nullable @QueryValue Integer size) {
        Map<String, Object> m = Pages.model(request, user, "Book", "/book");
        String refused = refusal(sort, dir, status, band, page, size);
        if (refused != null) {
            m.put("title", "Book: filter not understood");
            m.put("message", refused);
            return HttpResponse.badRequest(new ModelAndView<>("refused", m));
        }
        String sortBy = sort == null || sort.isEmpty() ? "matter" : sort;
        boolean descending = "desc".equals(dir);
        int pageSize = size == null ? DEFAULT_SIZE : size;
        int pageNo = page == null ? 1 : page;
        String statusWanted = status == null || status.isEmpty() ? null : status;
        Band bandWanted = band == null || band.isEmpty() ? null : Band.valueOf(band);

        Evaluations.Row last = evaluations.latest(0, 20).stream().filter(r -> r.status() == Evaluations.Status.DONE && !r.dryRun()).findFirst()
                .orElse(null);
        Set<String> only = null;
        if (bandWanted != null) {
            only = new HashSet<>();
            if (last != null) {
                for (Map.Entry<String, Band> e : bandsIn(last.id()).entrySet()) {
                    if (e.getValue() == bandWanted) {
                        only.add(e.getKey());
                    }
                }
            }
        }
        MatterRepository.BookQuery q = new MatterRepository.BookQuery(client, attorney, jurisdiction, statusWanted, only,
                sortBy, descending);
        long total = matters.countBook(q);
        int lastPage = (int) Math.max(1, (total + pageSize - 1) / pageSize);
        if (pageNo > lastPage) {
            m.put("title", "Book: no such page");
            m.put("message", "page: " + pageNo + " is past the last page (" + lastPage + ") of " + total
                    + (total == 1 ? " matter" : " matters") + " at " + pageSize + " a page.");
            return HttpResponse.badRequest(new ModelAndView<>("refused", m));
        }
        List<Matter> rows = matters.book(q, (long) (pageNo - 1) * pageSize, pageSize);
        List<String> numbers = rows.stream().map(Matter::matterNumber).toList();
        Map<String, RecordedAction> lowBalance = last == null ? Map.of() : actions.lowBalanceIn(last.id(), numbers);
        Map<String, RecordedAction> requests = actions.lastRequests(numbers);
        LocalDate today = firmTime.today();
        Map<String, OpenEpisode> open = episodes.openOn(numbers, today);
        // runway at the burn rate a run uses: the ledger's drawdowns of the last 90 days, else the billing on file
        Map<String, BigDecimal> drawn = ledger.drawdownTotals(numbers, today.minusDays(MatterFacts.BURN_WINDOW_DAYS - 1L), today);

        m.put("rows", rows.stream().map(x -> row(x, lowBalance.get(x.matterNumber()), requests.get(x.matterNumber()),
                open.get(x.matterNumber()), drawn.get(x.matterNumber()), today)).toList());
        m.put("total", total);
        m.put("page", pageNo);
        m.put("size", pageSize);
        m.put("lastPage", lastPage);
        m.put("first", total == 0 ? 0 : (long) (pageNo - 1) * pageSize + 1);
        m.put("to", Math.min(total, (long) pageNo * pageSize));
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("client", client == null ? "" : client);
        filters.put("attorney", attorney == null ? "" : attorney);
        filters.put("jurisdiction", jurisdiction == null ? "" : jurisdiction);
        filters.put("bandName", bandWanted == null ? "" : bandWanted.name());
        filters.put("status", statusWanted == null ? "" : statusWanted);
        filters.put("sort", sortBy);
        filters.put("dir", descending ? "desc" : "asc");
        filters.put("size", pageSize == DEFAULT_SIZE ? "" : String.valueOf(pageSize));
        m.put("filters", filters);
        m.put("bands", Arrays.stream(Band.values()).map(Band::name).toList());
        m.put("statuses", STATUSES);
        m.put("jurisdictions", matters.distinct("jurisdiction"));
        m.put("last", last);
        m.put("pages", Pages.pageNumbers(total, pageSize, pageNo).stream()
                .map(p -> Map.of("number", p, "href", link(filters, p, sortBy, filters.get("dir")), "current", p == pageNo))
                .toList());
        m.put("prev", pageNo > 1 ? link(filters, pageNo - 1, sortBy, filters.get("dir")) : null);
        m.put("next", pageNo < lastPage ? link(filters, pageNo + 1, sortBy, filters.get("dir")) : null);
        Map<String, String> sortLinks = new LinkedHashMap<>();
        for (String s : SORTS) {
            sortLinks.put(s, link(filters, 1, s, s.equals(sortBy) && !descending ? "desc" : "asc"));
        }
        m.put("sortLinks", sortLinks);
        return HttpResponse.ok(new ModelAndView<>("book", m));
    }

    private static String link(Map<String, String> filters, int page, String sort, String dir) {
        UriBuilder b = UriBuilder.of("/book");
        if (!filters.get("bandName").isEmpty()) {
            b.queryParam("band", filters.get("bandName"));
        }
        filters.forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("sort") && !k.equals("bandName") && !k.equals("dir")) {
                b.queryParam(k, v);
            }
        });
        return b.queryParam("sort", sort).queryParam("dir", dir).queryParam("page", page).build().toString();
    }

    private static Map<String, Object> row(Matter x, @Nullable RecordedAction low, @Nullable RecordedAction request,
                                           @Nullable OpenEpisode episode, @Nullable BigDecimal drawn, LocalDate today) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("number", x.matterNumber());
        r.put("name", x.matterName());
        r.put("client", x.clientName());
        r.put("attorney", x.attorneyName() == null ? "" : x.attorneyName());
        r.put("jurisdiction", x.jurisdiction());
        r.put("status", x.status().name());
        r.put("tier", x.clientTier() == null ? "by rules" : x.clientTier().name().replace("TIER_", "Tier "));
        r.put("balance", Money.letter(x.trustBalance()));
        BigDecimal runway = MatterFacts.of(x, today, null, drawn).runwayDays();
        r.put("runway", runway == null ? "—" : runway.setScale(0, RoundingMode.DOWN).toPlainString());
        r.put("threshold", low == null ? "—" : Money.letter(low.action().threshold()));
        r.put("bandName", low == null ? "" : low.action().band().name());
        // a blank band reads as "nothing wrong"; a matter the policy does not watch says so, and why. A band
        // is the last evaluation's: a matter that has since moved to a payment plan (or closed) shows its old
        // band and that the policy no longer watches it, until the next run
        String notWatched = MatterFacts.notWatchedBecause(x);
        r.put("notWatched", notWatched == null ? "" : (low == null ? "not watched: " : "not watched any more: ")
                + notWatched);
        r.put("lastRequest", request == null ? "—" : request.action().asOf() + " · " + Money.letter(request.action().amount()));
        r.put("stage", episode == null ? "—" : "Stage " + episode.stageSent() + " (" + episode.businessDaysOpen()
                + (episode.businessDaysOpen() == 1 ? " business day)" : " business days)"));
        return r;
    }
    /**
     * Why the book's query cannot be answered, naming the parameter and what it accepts, or null when
     * every parameter is understood. A filter that is not understood is refused rather than ignored:
     * an ignored band filter would show the whole book under a heading that reads as filtered.
     */
    static String refusal(String sort, String dir, String status, String band, Integer page, Integer size) {
        if (sort != null && !sort.isEmpty() && !SORTS.contains(sort)) {
            return "sort: \"" + sort + "\" is not one of " + String.join(", ", SORTS) + ".";
        }
        if (dir != null && !dir.isEmpty() && !DIRECTIONS.contains(dir)) {
            return "dir: \"" + dir + "\" is not one of " + String.join(", ", DIRECTIONS) + ".";
        }
        if (status != null && !status.isEmpty() && !STATUSES.contains(status)) {
            return "status: \"" + status + "\" is not one of " + String.join(", ", STATUSES) + ".";
        }
        if (band != null && !band.isEmpty() && Arrays.stream(Band.values()).noneMatch(b -> b.name().equals(band))) {
            return "band: \"" + band + "\" is not one of "
                    + String.join(", ", Arrays.stream(Band.values()).map(Band::name).toList()) + ".";
        }
        if (page != null && page < 1) {
            return "page: " + page + " is not a page number (pages count from 1).";
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            return "size: " + size + " is not between 1 and " + MAX_SIZE + " matters a page.";
        }
        return null;
    }

    /**
     * The last finished evaluation's band per matter. Its decisions never change, so they are read once
     * per evaluation rather than once per page: on a 100,000-matter book that read is most of a
     * band-filtered page's cost.
     */
    private Map<String, Band> bandsIn(String evaluationId) {
        BandsOf cached = bands.get();
        if (cached != null && cached.evaluationId().equals(evaluationId)) {
            return cached.bands();
        }
        Map<String, Band> read = actions.bandsIn(evaluationId);
        bands.set(new BandsOf(evaluationId, read));
        return read;
    }

    private record BandsOf(String evaluationId, Map<String, Band> bands) {
    }
}
