package io.caravan.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a process's CPU seconds from /proc/PID/stat (utime + stime) and its memory from /proc/PID/status
 * (VmRSS now, VmHWM = peak resident set since start). Linux only; anything unreadable is reported missing.
 */
public final class ProcSampler {

    /** Kernel clock ticks per second (USER_HZ); 100 on every Linux this runs on, overridable for odd kernels. */
    static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clkTck",
            System.getenv().getOrDefault("BENCH_CLK_TCK", "100")));

    private ProcSampler() {
    }

    /** Parses "user=123,catalog=456" (the BENCH_PIDS format); entries without a number are left out. */
    public static Map<String, Long> parsePids(String spec) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (spec == null) {
            return pids;
        }
        for (String entry : spec.split(",")) {
            String[] kv = entry.trim().split("=");
            if (kv.length == 2 && kv[1].trim().matches("\\d+")) {
                pids.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
            }
        }
        return pids;
    }

    public static ProcSample sample(String name, long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcSample(name, pid, System.currentTimeMillis(), cpuSeconds(stat),
                    kib(status, "VmRSS") / 1024.0, kib(status, "VmHWM") / 1024.0, true);
        } catch (IOException | RuntimeException e) {
            return ProcSample.missing(name);
        }
    }

    public static Map<String, ProcSample> sampleAll(Map<String, Long> pids) {
        Map<String, ProcSample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> samples.put(name, sample(name, pid)));
        return samples;
    }

    /** This JVM (the load generator), by its own pid. */
    public static ProcSample self(String name) {
        return sample(name, ProcessHandle.current().pid());
    }

    /** utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after ")". */
    static double cpuSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    static long kib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").trim());
            }
        }
        throw new IllegalArgumentException(key + " not in /proc status");
    }
}
