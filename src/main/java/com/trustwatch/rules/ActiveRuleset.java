package com.trustwatch.rules;

import com.trustwatch.config.SmsSettings;
import com.trustwatch.decision.DeliveryChannels;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The ruleset in force, built once at startup from the configured folders. A rule file or table
 * that does not compile stops startup with every problem named (file and line, or workbook, sheet
 * and cell). Its sessions see the delivery channels the service has switched on (trustwatch.sms.enabled).
 */
@Context
public class ActiveRuleset {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveRuleset.class);
    private final Ruleset ruleset;
    private final RulesSettings settings;
    private final boolean fromCache;

    public ActiveRuleset(RulesSettings settings, SmsSettings sms) {
        this.settings = settings;
        long start = System.nanoTime();
        try {
            RulesetBuilder builder = new RulesetBuilder(Path.of(settings.rulesDir()), Path.of(settings.tablesDir()));
            if (settings.cacheDir() != null && !settings.cacheDir().isBlank()) {
                builder.cachingIn(Path.of(settings.cacheDir()));
            }
            this.ruleset = builder.build().withChannels(new DeliveryChannels(sms.enabled()));
            this.fromCache = builder.builtFromCache();
        } catch (RulesetException e) {
            LOG.error("The ruleset does not compile; Trustwatch will not start:\n  {}",
                    String.join("\n  ", e.problems()));
            throw e;
        }
        LOG.info("Ruleset {} {} {} and {}: {} rules in {} ms", ruleset.version(),
                fromCache ? "restored from the compiled-ruleset cache for" : "built from", settings.rulesDir(),
                settings.tablesDir(), ruleset.catalogue().size(), (System.nanoTime() - start) / 1_000_000);
        List<String> unsigned = ruleset.packs().stream().filter(p -> !PackSignoff.SIGNED_OFF.equals(p.status()))
                .map(p -> p.pack() + " (" + p.status() + ", sha256 " + p.sha256() + ")").toList();
        if (!unsigned.isEmpty()) {
            if (settings.requireSignoff()) {
                throw new RulesetException(unsigned.stream().map(p -> "rules/compliance/" + p
                        + ": no sign-off by ethics counsel for this text (trustwatch.rules.require-signoff is on)").toList());
            }
            LOG.warn("Compliance packs without a sign-off for their current text: {}", String.join(", ", unsigned));
        }
    }

    public Ruleset get() {
        return ruleset;
    }

    public RulesSettings settings() {
        return settings;
    }
}
