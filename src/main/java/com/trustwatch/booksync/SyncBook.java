package com.trustwatch.booksync;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.Timestamps;
import com.trustwatch.decision.Severity;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.exceptionqueue.ItemKind;
import com.trustwatch.exceptionqueue.NewItem;
import com.trustwatch.matter.Matter;
import com.trustwatch.matter.MatterFields;
import com.trustwatch.matter.MatterRepository;
import com.trustwatch.matter.SaveMatter;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Syncs the book from a practice-management system. Each record read is laid over the matter as the
 * book has it (fields the source does not hold, such as a reconciliation date, stay as they are) and
 * saved through {@link SaveMatter}, so the same field rules as the roster import and the matter API
 * apply. Each record is created, updated, unchanged, or refused: a refused record changes nothing, and
 * goes to the exception queue with the source's id and the field named (where it came from in the
 * source, too). The incremental cursor moves only after a read that completed; one sync at a time.
 */
@Singleton
public class SyncBook {

    private static final Logger LOG = LoggerFactory.getLogger(SyncBook.class);

    /** One refused record. */
    @Serdeable
    public record Refusal(String sourceId, String matterNumber, String field, String message) {
    }

    /** What a sync did. */
    @Serdeable
    public record Report(String source, String since, String startedAt, int created, int updated, int unchanged,
                         int refused, Map<String, Integer> read, List<Refusal> refusals) {
    }

    private final MatterRepository matters;
    private final SaveMatter save;
    private final ExceptionQueue queue;
    private final AuditLog audit;
    private final Clock clock;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    public SyncBook(MatterRepository matters, SaveMatter save, ExceptionQueue queue, AuditLog audit, Clock clock) {
        this.matters = matters;
        this.save = save;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when the connector is not configured
     * @throws RuntimeException      when the source cannot be read: nothing was saved, the cursor stays
     */
    public Report sync(PracticeBook book, String actor) {
        if (!book.configured()) {
            throw new IllegalStateException(book.name() + " is not configured (docs/operations.md, \"" + book.name() + "\")");
        }
        oneAtATime.lock();
        try {
            Instant started = clock.instant();
            Optional<Instant> since = book.cursor();
            PracticeBook.Reading reading = book.read(since);
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            List<Refusal> refusals = new ArrayList<>();
            for (SourceMatter record : reading.records()) {
                Outcome o = take(book, record, actor, refusals);
                switch (o) {
                    case CREATED -> created++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                    default -> {
                    }
                }
            }
            book.advance(started);
            Report report = new Report(book.name(), since.map(Instant::toString).orElse(null), started.toString(),
                    created, updated, unchanged, refusals.size(), reading.read(), refusals);
            audit.append(AuditRecord.of(AuditKind.BOOK_SYNCED, actor, book.name() + " sync"
                    + since.map(s -> " of changes since " + s).orElse(" of the whole book") + ": read " + reading.read()
                    + "; " + created + " created, " + updated + " updated, " + unchanged + " unchanged, "
                    + refusals.size() + " refused (in the exception queue)"));
            LOG.info("{} sync: {} created, {} updated, {} unchanged, {} refused", book.name(), created, updated, unchanged,
                    refusals.size());
            return report;
        } finally {
            oneAtATime.unlock();
        }
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED, REFUSED, SKIPPED }

    private Outcome take(PracticeBook book, SourceMatter record, String actor, List<Refusal> refusals) {
        if (record.matterNumber() == null || record.matterNumber().isBlank()) {
            return refuse(book, record, "matterNumber", "the record has no matter number", actor, refusals);
        }
        if (!record.problems().isEmpty()) {
            Map.Entry<String, String> first = record.problems().entrySet().iterator().next();
            return refuse(book, record, first.getKey(), String.join("; ", record.problems().values()), actor, refusals);
        }
        Optional<Matter> existing = matters.findByMatterNumber(record.matterNumber());
        if (existing.isEmpty() && record.balanceOnly()) {
            return Outcome.SKIPPED; // only a full record creates a matter
        }
        Map<String, Object> body = new LinkedHashMap<>();
        existing.ifPresent(m -> MatterFields.toJson(m).forEach((k, v) -> {
            if (v != null) {
                body.put(k, v);
            }
        }));
        record.fields().forEach((k, v) -> {
            if (v == null) {
                body.remove(k);
            } else {
                body.put(k, v);
            }
        });
        record.defaults().forEach(body::putIfAbsent);
        body.remove("matterNumber");
        if (existing.isPresent()) {
            Map<MatterFields.Field, String> raw = new HashMap<>();
            body.forEach((k, v) -> MatterFields.byJson(k).ifPresent(f -> raw.put(f, v.toString())));
            raw.put(MatterFields.byJson("matterNumber").orElseThrow(), record.matterNumber());
            List<FieldError> errors = new ArrayList<>();
            Matter parsed = MatterFields.parse(raw, null, MatterFields.Field::json, errors, null, null); // compared, not saved
            if (errors.isEmpty() && MatterFields.toJson(parsed).equals(MatterFields.toJson(existing.get()))) {
                return Outcome.UNCHANGED;
            }
        }
        try {
            SaveMatter.Saved saved = save.save(record.matterNumber(), body, actor);
            return saved.created() ? Outcome.CREATED : Outcome.UPDATED;
        } catch (InvalidInput e) {
            FieldError first = e.errors().get(0);
            StringBuilder why = new StringBuilder();
            for (FieldError fe : e.errors()) {
                if (why.length() > 0) {
                    why.append("; ");
                }
                why.append(describe(fe.field(), record)).append(": ").append(fe.message());
            }
            return refuse(book, record, first.field(), why.toString(), actor, refusals);
        }
    }

    private static String describe(String field, SourceMatter record) {
        String source = record.sources().get(field);
        return field + (source == null ? "" : " (from " + source + ")");
    }

    private Outcome refuse(PracticeBook book, SourceMatter record, String field, String why, String actor,
                           List<Refusal> refusals) {
        String summary = book.name() + " record " + record.sourceId()
                + (record.matterNumber() == null ? "" : " (matter " + record.matterNumber() + ")")
                + " was not synced: " + (why.startsWith(field) ? why : describe(field, record) + ": " + why)
                + ". The book keeps what it had; correct the record in " + book.name() + " and sync again.";
        refusals.add(new Refusal(record.sourceId(), record.matterNumber(), field, summary));
        queue.openOrReopen(List.of(new NewItem("sync:" + book.name().toLowerCase(Locale.ROOT) + ":" + record.sourceId(),
                ItemKind.CONNECTOR, record.matterNumber(), null, null, null, Severity.MEDIUM, summary)),
                Timestamps.now(clock));
        audit.append(AuditRecord.of(AuditKind.SYNC_RECORD_REFUSED, actor, summary).forMatter(record.matterNumber()));
        return Outcome.REFUSED;
    }
}
