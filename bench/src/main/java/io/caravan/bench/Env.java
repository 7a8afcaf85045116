package io.caravan.bench;

import java.util.ArrayList;
import java.util.List;

/** Benchmark settings: every knob is an environment variable (bench/run.sh sets them), with a default. */
public final class Env {

    private Env() {
    }

    public static String str(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public static String required(String name) {
        String value = str(name, null);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public static int integer(String name, int fallback) {
        return Integer.parseInt(str(name, Integer.toString(fallback)));
    }

    public static double decimal(String name, double fallback) {
        return Double.parseDouble(str(name, Double.toString(fallback)));
    }

    /** A list written "1,4,16,64" or "1 4 16 64". */
    public static List<Integer> integers(String name, String fallback) {
        return parseIntegers(str(name, fallback));
    }

    public static List<Integer> parseIntegers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String part : list.split("[,\\s]+")) {
            if (!part.isBlank()) {
                values.add(Integer.parseInt(part));
            }
        }
        return values;
    }

    public static List<String> words(String name, String fallback) {
        List<String> values = new ArrayList<>();
        for (String part : str(name, fallback).split("[,\\s]+")) {
            if (!part.isBlank()) {
                values.add(part);
            }
        }
        return values;
    }
}
