package io.caravan.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.caravan.bench.Json;

/**
 * One run's folder (bench/results/TIMESTAMP) as bench/run.sh fills it: run.env (settings and facts, KEY=value),
 * startup.tsv (app, pid, ms to healthy), reference.json, data/load.json, levels/NAME.json (one per Gatling run),
 * gatling/NAME/index.html (Gatling's report) and oversell.json.
 */
record RunFolder(Path dir, Map<String, String> env) {

    static RunFolder open(Path dir) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines(dir.resolve("run.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new RunFolder(dir, env);
    }

    String setting(String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    JsonNode json(String relative) {
        return Json.read(dir.resolve(relative));
    }

    JsonNode level(String name) {
        return json("levels/" + name + ".json");
    }

    /** Relative link to the Gatling HTML report of a level, or null when there is none. */
    String gatlingLink(String name) {
        return Files.isRegularFile(dir.resolve("gatling").resolve(name).resolve("index.html"))
                ? "gatling/" + name + "/index.html" : null;
    }

    /** startup.tsv rows: app, pid, milliseconds from process start to healthy (or -1 when it never got healthy). */
    List<String[]> startup() {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(dir.resolve("startup.tsv"))) {
            String[] f = line.split("\t");
            if (f.length >= 3) {
                rows.add(f);
            }
        }
        return rows;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
