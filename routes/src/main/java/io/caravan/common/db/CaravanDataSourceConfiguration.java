package io.caravan.common.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The service's DataSource. Before the pool opens, the service's own database is created on the server if it
 * is missing (when the configured user may); Flyway then migrates it.
 */
@Configuration(proxyBeanMethods = false)
public class CaravanDataSourceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CaravanDataSourceConfiguration.class);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?$");

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(DataSourceProperties properties) {
        createDatabaseIfMissing(properties.getUrl(), properties.getUsername(), properties.getPassword());
        return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    static void createDatabaseIfMissing(String url, String user, String password) {
        Matcher m = URL.matcher(url == null ? "" : url);
        if (!m.matches()) {
            return;
        }
        String database = m.group(2);
        String adminUrl = m.group(1) + "postgres" + (m.group(3) == null ? "" : m.group(3));
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            // the name matched [A-Za-z0-9_]+ above, so quoting it is safe
            c.createStatement().execute("CREATE DATABASE \"" + database + "\"");
            LOG.info("Created database {}", database);
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by another instance
            }
            LOG.warn("Could not check or create database {} ({}); assuming it exists", database, e.getMessage());
        }
    }
}
