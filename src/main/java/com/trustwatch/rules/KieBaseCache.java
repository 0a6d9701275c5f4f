package com.trustwatch.rules;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.core.impl.KnowledgeBaseImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compiled rule packages of one ruleset, saved to a file so that the next start skips the Drools
 * compiler (the larger part of startup). The file is named by a key over everything that decides
 * what the compiler produces: the ruleset version (a digest of every DRL file, workbook and
 * template), the Drools version, the bytecode of the fact classes the rules import, and the bytecode
 * of the code that turns spreadsheets into DRL. A file that is missing, stale, unreadable or made by
 * another version of anything in the key is ignored, and the ruleset is built from source as before.
 * Only ever written after a build that passed every check, so a file never holds rules that would
 * not compile.
 */
final class KieBaseCache {

    private static final Logger LOG = LoggerFactory.getLogger(KieBaseCache.class);
    private static final int FORMAT = 1;
    private static final Pattern IMPORT = Pattern.compile("(?m)^\\s*import\\s+(?:function\\s+|static\\s+)?([\\w.]+)\\s*;?");
    /** The code that compiles tables and builds packages: a new release of it must not reuse old packages. */
    private static final List<Class<?>> COMPILER = List.of(RulesetBuilder.class, TableCompiler.class,
            DecisionTableReader.class, ApprovedTables.class, TableTemplate.class, KieBaseCache.class);

    /** What a cache file restores besides the KieBase: what the catalogue and the table preview need. */
    record Entry(KieBase kieBase, Map<String, String> kfsToSource, Map<String, String> tableDrl) {
    }

    private final Path dir;

    KieBaseCache(Path dir) {
        this.dir = dir;
    }

    /** The cache key of a ruleset version whose sources are {@code drl} and {@code templates}. */
    static String key(String version, Collection<String> drl, Collection<String> templates) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((FORMAT + "/" + version + "/" + droolsVersion()).getBytes(StandardCharsets.UTF_8));
            TreeSet<String> imported = new TreeSet<>();
            for (String source : concat(drl, templates)) {
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    imported.add(m.group(1));
                }
            }
            for (String name : imported) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(classBytes(name));
            }
            for (Class<?> c : COMPILER) {
                sha.update(classBytes(c.getName()));
            }
            return version + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Entry> load(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ClassLoader loader = RulesetBuilder.class.getClassLoader();
        try (ObjectInputStream in = new DroolsObjectInputStream(new BufferedInputStream(Files.newInputStream(file)),
                loader)) {
            if (in.readInt() != FORMAT || !key.equals(in.readUTF())) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, String> kfsToSource = (Map<String, String>) in.readObject();
            @SuppressWarnings("unchecked")
            Map<String, String> tableDrl = (Map<String, String>) in.readObject();
            @SuppressWarnings("unchecked")
            List<KiePackage> packages = (List<KiePackage>) in.readObject();
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
            kieBase.addPackages(packages);
            return Optional.of(new Entry(kieBase, kfsToSource, tableDrl));
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            LOG.warn("Ignoring the compiled-ruleset cache {} ({}); building the ruleset from source", file, e.toString());
            return Optional.empty();
        }
    }

    /** Saves atomically; a cache that cannot be written (read-only disk) only costs the next start its time. */
    void save(String key, Entry entry) {
        Path file = file(key);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "kiebase-", ".tmp");
            try (ObjectOutputStream out = new DroolsObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(FORMAT);
                out.writeUTF(key);
                out.writeObject(new LinkedHashMap<>(entry.kfsToSource()));
                out.writeObject(new LinkedHashMap<>(entry.tableDrl()));
                out.writeObject(new ArrayList<>(entry.kieBase().getKiePackages()));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.info("Could not save the compiled ruleset to {} ({}); the next start builds it again", file, e.toString());
        }
    }

    Path file(String key) {
        return dir.resolve("ruleset-" + key + ".bin");
    }

    private static String droolsVersion() {
        String v = KnowledgeBaseImpl.class.getPackage().getImplementationVersion();
        return v == null ? String.valueOf(KnowledgeBaseImpl.class.getProtectionDomain().getCodeSource()) : v;
    }

    /** The bytecode of a class by name; for {@code a.b.C.method} (an imported function) that of {@code a.b.C}. */
    private static byte[] classBytes(String name) {
        ClassLoader loader = RulesetBuilder.class.getClassLoader();
        for (String candidate = name; candidate.contains("."); candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            try (InputStream in = loader.getResourceAsStream(candidate.replace('.', '/') + ".class")) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
