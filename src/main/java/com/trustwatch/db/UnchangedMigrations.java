package com.trustwatch.db;

import io.micronaut.context.annotation.Requires;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A lighter start when the schema is already up to date ({@code trustwatch.startup.skip-unchanged-migrations},
 * on by default): before Flyway migrates the default data source, this compares the migrations the
 * service ships ({@code db/migration/V*.sql} on the class path) with the ones the database's Flyway
 * history says were applied: same versions, same script names, same checksums (Flyway's own CRC32,
 * {@link ChecksumCalculator}), every one successful, nothing applied that is not shipped. Only when all
 * of that holds does Flyway start without validating again and without scanning the class path (it is
 * handed the migrations just read); {@code migrate} then finds nothing pending and applies nothing.
 *
 * <p>Anything else, a new or changed migration, a missing or failed one, a repeatable or Java
 * migration, another location, no history table yet, or any error while checking, leaves Flyway's
 * configuration untouched: it scans, validates and migrates as always (a changed checksum still stops
 * the start with Flyway's own message). The check never decides that a migration need not run; it only
 * spares the second look at a set it has just compared row by row.
 */
@Singleton
@Named("default")
@Requires(property = "trustwatch.startup.skip-unchanged-migrations", notEquals = "false")
public class UnchangedMigrations implements FlywayConfigurationCustomizer {

    private static final Logger LOG = LoggerFactory.getLogger(UnchangedMigrations.class);
    /** History rows that record what Flyway created for itself, not a migration. */
    private static final java.util.Set<String> MARKERS = java.util.Set.of("SCHEMA", "TABLE");

    /** One migration file the service ships: where it is, its name, its version and its text. */
    record Shipped(String absolutePath, String filename, MigrationVersion version, String text) {
    }

    /** One row of Flyway's history table. */
    record Applied(String version, String script, Integer checksum, String type, boolean success) {
    }

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration flyway) {
        long start = System.nanoTime();
        try {
            Optional<List<Shipped>> shipped = shipped(flyway);
            if (shipped.isEmpty()) {
                return;
            }
            List<Applied> applied = applied(flyway.getDataSource(), flyway.getTable());
            Optional<String> difference = difference(shipped.get(), applied);
            if (difference.isPresent()) {
                LOG.info("Migrations: {}; Flyway validates and migrates", difference.get());
                return;
            }
            List<LoadableResource> resources = shipped.get().stream().map(UnchangedMigrations::resource).toList();
            flyway.validateOnMigrate(false)
                    .resourceProvider(new Known(resources))
                    .javaMigrationClassProvider(List::of);
            LOG.info("Migrations: the {} applied are the {} shipped (versions, names, checksums), checked in {} ms;"
                    + " Flyway skips its validation and class-path scan", shipped.get().size(), shipped.get().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | SQLException | URISyntaxException | RuntimeException e) {
            // no history table yet (a first start), or anything unexpected: Flyway does the whole job
            LOG.debug("Migrations not compared ({}); Flyway validates and migrates", e.toString());
        }
    }

    /**
     * What differs between the shipped and the applied migrations, in words, or empty when they are the
     * same set: every shipped one applied successfully with its checksum, nothing else applied.
     */
    static Optional<String> difference(List<Shipped> shipped, List<Applied> applied) {
        List<Applied> versioned = new ArrayList<>();
        for (Applied a : applied) {
            if (a.version() == null && MARKERS.contains(a.type()) && a.success()) {
                continue; // Flyway's note that it created the schema or the history table (H2), no migration
            }
            if (!a.success()) {
                return Optional.of("migration " + a.script() + " is recorded as failed");
            }
            if (!"SQL".equals(a.type()) || a.version() == null) {
                return Optional.of("the history holds a " + a.type() + " entry " + a.script()
                        + " that is not a versioned SQL migration");
            }
            versioned.add(a);
        }
        for (Shipped s : shipped) {
            List<Applied> same = versioned.stream()
                    .filter(a -> MigrationVersion.fromVersion(a.version()).equals(s.version())).toList();
            if (same.isEmpty()) {
                return Optional.of(s.filename() + " is not applied yet");
            }
            Applied a = same.get(0);
            if (same.size() > 1 || !s.filename().equals(a.script())) {
                return Optional.of("version " + s.version() + " was applied as " + a.script() + ", shipped as " + s.filename());
            }
            int checksum = checksum(s);
            if (a.checksum() == null || a.checksum() != checksum) {
                return Optional.of(s.filename() + " changed since it was applied (checksum " + a.checksum()
                        + ", now " + checksum + ")");
            }
        }
        if (versioned.size() != shipped.size()) {
            List<String> extra = versioned.stream().map(Applied::script)
                    .filter(script -> shipped.stream().noneMatch(s -> s.filename().equals(script))).toList();
            return Optional.of("applied but not shipped: " + extra);
        }
        return Optional.empty();
    }

    /** Flyway's checksum of a migration's text, as its history records it. */
    static int checksum(Shipped s) {
        return ChecksumCalculator.calculate(resource(s));
    }

    /**
     * The versioned SQL migrations on the class path under Flyway's locations, or empty when something
     * is there that this check does not handle (another kind of location, a repeatable migration, a file
     * whose name is not a versioned migration's): Flyway then looks for itself.
     */
    static Optional<List<Shipped>> shipped(FluentConfiguration flyway) throws IOException, URISyntaxException {
        List<Shipped> shipped = new ArrayList<>();
        ClassLoader loader = flyway.getClassLoader();
        Charset encoding = flyway.getEncoding();
        for (Location location : flyway.getLocations()) {
            if (!location.isClassPath()) {
                return Optional.empty();
            }
            String folder = location.getRootPath().endsWith("/") ? location.getRootPath() : location.getRootPath() + "/";
            Enumeration<URL> roots = loader.getResources(location.getRootPath());
            while (roots.hasMoreElements()) {
                for (String path : list(roots.nextElement(), folder)) {
                    String filename = path.substring(folder.length());
                    Optional<MigrationVersion> version = version(flyway, filename);
                    if (version.isEmpty()) {
                        return Optional.empty();
                    }
                    try (InputStream in = loader.getResourceAsStream(path)) {
                        if (in == null) {
                            return Optional.empty();
                        }
                        shipped.add(new Shipped(path, filename, version.get(), new String(in.readAllBytes(), encoding)));
                    }
                }
            }
        }
        return shipped.isEmpty() ? Optional.empty() : Optional.of(shipped);
    }

    /** The version in a versioned SQL migration's file name ({@code V12__monthly_report_mail.sql}), or empty. */
    static Optional<MigrationVersion> version(FluentConfiguration flyway, String filename) {
        String prefix = flyway.getSqlMigrationPrefix();
        String separator = flyway.getSqlMigrationSeparator();
        if (filename.contains("/") || !filename.startsWith(prefix)
                || Arrays.stream(flyway.getSqlMigrationSuffixes()).noneMatch(filename::endsWith)) {
            return Optional.empty();
        }
        int end = filename.indexOf(separator);
        if (end <= prefix.length()) {
            return Optional.empty();
        }
        String version = filename.substring(prefix.length(), end).replace('_', '.');
        try {
            return Optional.of(MigrationVersion.fromVersion(version));
        } catch (RuntimeException notAVersion) {
            return Optional.empty();
        }
    }

    /** The paths of the files directly or further under {@code folder} in a class-path root (a jar or a folder). */
    private static List<String> list(URL root, String folder) throws IOException, URISyntaxException {
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            // the jar the class loader already reads; its central directory is listed, nothing is unpacked
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                return file.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(folder) && !name.endsWith("/")).sorted().toList();
            }
        }
        if ("file".equals(root.getProtocol())) {
            Path dir = Path.of(root.toURI());
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile)
                        .map(f -> folder + dir.relativize(f).toString().replace('\\', '/')).sorted().toList();
            }
        }
        throw new IOException("cannot list " + root);
    }

    /**
     * Flyway's history rows. Flyway owns this table (it creates and writes it); the service only reads it
     * here, with the table name Flyway is configured with.
     */
    private static List<Applied> applied(DataSource dataSource, String table) throws SQLException {
        if (dataSource == null || !table.matches("\\w+")) {
            throw new SQLException("no data source or an unusual history table name: " + table);
        }
        List<Applied> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, script, checksum, type, success FROM " + table)) {
            while (rs.next()) {
                int checksum = rs.getInt(3);
                rows.add(new Applied(rs.getString(1), rs.getString(2), rs.wasNull() ? null : checksum,
                        rs.getString(4), rs.getBoolean(5)));
            }
        }
        return rows;
    }

    private static LoadableResource resource(Shipped s) {
        return new LoadableResource() {
            @Override
            public Reader read() {
                return new StringReader(s.text());
            }

            @Override
            public String getAbsolutePath() {
                return s.absolutePath();
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return s.absolutePath();
            }

            @Override
            public String getFilename() {
                return s.filename();
            }

            @Override
            public String getRelativePath() {
                return s.filename();
            }
        };
    }

    /** Hands Flyway the migrations already read and compared, instead of a second scan of the class path. */
    private record Known(List<LoadableResource> resources) implements ResourceProvider {
        @Override
        public LoadableResource getResource(String name) {
            return resources.stream().filter(r -> r.getRelativePath().equals(name)).findFirst().orElse(null);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            return resources.stream().filter(r -> r.getFilename().startsWith(prefix)
                    && Arrays.stream(suffixes).anyMatch(r.getFilename()::endsWith)).toList();
        }
    }
}
