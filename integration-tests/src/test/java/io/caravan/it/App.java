package io.caravan.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The three services as the integration tests run them: their runnable jar, port variable and database. */
public enum App {
    USER("user"),
    CATALOG("catalog"),
    ORDER("order");

    private final String service;

    App(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** e.g. {@code user-app}: the name of its module, log file and first instance. */
    public String appName() {
        return service + "-app";
    }

    /** The environment variable that sets its HTTP port, e.g. {@code USER_APP_PORT}. */
    public String portVariable() {
        return service.toUpperCase() + "_APP_PORT";
    }

    /** The environment variable that overrides its whole JDBC URL, e.g. {@code CARAVAN_USER_DB_URL}. */
    public String databaseUrlVariable() {
        return "CARAVAN_" + service.toUpperCase() + "_DB_URL";
    }

    /** The name of its database on the shared PostgreSQL server. */
    public String database() {
        return "caravan_" + service;
    }

    Path jar(Path appsDir) {
        Path jar = appsDir.resolve(appName()).resolve("target").resolve(appName() + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the apps first (./mvnw -B -DskipTests package, "
                    + "or run the tests with ./mvnw -B verify)");
        }
        return jar;
    }
}
