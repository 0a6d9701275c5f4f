package com.trustwatch.matter;

import com.trustwatch.money.Money;
import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.Preconditions;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creates or replaces one matter from a JSON body (the same field rules as the roster import). */
@Singleton
public class SaveMatter {

    private final MatterRepository matters;
    private final AuditLog audit;
    private final FirmToday firmToday;

    public SaveMatter(MatterRepository matters, AuditLog audit, FirmToday firmToday) {
        this.matters = matters;
        this.audit = audit;
        this.firmToday = firmToday;
    }

    /** @return the saved matter, and whether it was created */
    @Transactional
    public Saved save(String matterNumber, Map<String, Object> body, String actor) {
        return save(matterNumber, body, actor, Preconditions.NONE);
    }

    /**
     * Inserts a new matter. Under a precondition, a matter created meanwhile by another request (no row
     * was there to lock) is the precondition failing, not a fault: {@code If-None-Match: *} lost the race.
     */
    private Matter create(Matter parsed, Preconditions conditions) {
        try {
            return matters.save(parsed);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            for (Throwable t = e; t != null && conditions.any(); t = t.getCause()) {
                if (t instanceof java.sql.SQLIntegrityConstraintViolationException) {
                    throw new Preconditions.PreconditionFailed("matter " + parsed.matterNumber()
                            + " was created by another request meanwhile; read it, and update it with its ETag");
                }
            }
            throw e;
        }
    }

    /**
     * Saves the matter when {@code conditions} hold for it as stored ({@link MatterFields#entityTag}); its
     * row is locked from the comparison to the write, so two updates naming one version cannot both pass.
     *
     * @return the saved matter, and whether it was created
     * @throws Preconditions.PreconditionFailed (412) when {@code If-Match} or {@code If-None-Match} does not
     *                                          hold; evaluated before the body's fields (RFC 9110 §13.2.1)
     * @throws InvalidInput                         (422) naming each bad field
     */
    @Transactional
    public Saved save(String matterNumber, Map<String, Object> body, String actor, Preconditions conditions) {
        List<FieldError> errors = new ArrayList<>();
        Map<MatterFields.Field, String> raw = new HashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            Optional<MatterFields.Field> field = MatterFields.byJson(e.getKey());
            if (field.isEmpty()) {
                errors.add(new FieldError(null, e.getKey(), "unknown field"));
            } else if (e.getValue() instanceof Map || e.getValue() instanceof List) {
                errors.add(new FieldError(null, e.getKey(), "must be a single value"));
            } else if (e.getValue() != null) {
                raw.put(field.get(), e.getValue().toString());
            }
        }
        MatterFields.Field number = MatterFields.byJson("matterNumber").orElseThrow();
        String inBody = raw.get(number);
        if (inBody != null && !inBody.trim().equals(matterNumber)) {
            errors.add(new FieldError(null, "matterNumber", Echo.of(inBody) + " does not match the path (" + Echo.of(matterNumber) + ")"));
        }
        raw.put(number, matterNumber);
        Optional<Matter> existing = conditions.any() ? matters.findByMatterNumberForUpdate(matterNumber)
                : matters.findByMatterNumber(matterNumber);
        conditions.check(existing.map(MatterFields::entityTag).orElse(null), "matter " + matterNumber);
        Matter parsed = MatterFields.parse(raw, null, MatterFields.Field::json, errors, firmToday.today(),
                existing.orElse(null));
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Matter saved = existing.isPresent()
                ? matters.update(parsed.withId(existing.get().id()))
                : create(parsed, conditions);
        audit.append(AuditRecord.of(AuditKind.MATTER_SAVED, actor, (existing.isPresent() ? "updated" : "created")
                + " matter " + matterNumber + ", trust balance " + Money.letter(saved.trustBalance()))
                .forMatter(matterNumber));
        return new Saved(saved, existing.isEmpty());
    }

    public record Saved(Matter matter, boolean created) {
    }
}
