package com.trustwatch.config;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on mysql-connector-j's {@code rewriteBatchedStatements} unless the URL decides it. Every
 * evaluation chunk writes its actions, links, outbox rows and audit entries as JDBC batches; without
 * the rewrite the driver sends each row as its own statement and round trip, and recording a large
 * book becomes several times slower. An operator who sets the parameter in the URL keeps their value.
 * <p>
 * Likewise {@code characterEncoding=UTF-8} (utf8mb4 on the wire): without it the driver talks the
 * server's default character set, which is latin1 on MariaDB 10.x, and every character outside it
 * (a dash, an accented name, a euro sign) is stored as '?', breaking the audit chain's hashes.
 */
@Singleton
class MysqlBatching implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(MysqlBatching.class);
    static final String PROPERTY = "rewriteBatchedStatements";
    static final String ENCODING = "characterEncoding";

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        String url = config.getUrl();
        if (url != null && url.startsWith("jdbc:mysql:") && !url.contains(PROPERTY)
                && !config.getDataSourceProperties().containsKey(PROPERTY)) {
            config.addDataSourceProperty(PROPERTY, "true");
            LOG.debug("datasource {}: {}=true", config.getName(), PROPERTY);
        }
        if (url != null && url.startsWith("jdbc:mysql:") && !url.contains(ENCODING)
                && !config.getDataSourceProperties().containsKey(ENCODING)) {
            config.addDataSourceProperty(ENCODING, "UTF-8");
        }
        return config;
    }
}
