package io.caravan.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a process's CPU seconds from /proc/PID/stat (utime + stime) and its memory from /proc/PID/status
 * (VmRSS now, VmHWM = peak resident set since start). Linux only; anything unreadable is reported missing.
 * {@link #sampleTree} adds a process's descendants, for a server that works in child processes (PostgreSQL: one
 * backend per connection).
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
            double jit = jitCpuSeconds(Path.of("/proc"), pid);
            return new ProcSample(name, pid, System.currentTimeMillis(), cpuSeconds(stat), jit,
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

    /** Each pid {@link #sampleTree with its descendants}. */
    public static Map<String, ProcSample> sampleTrees(Map<String, Long> pids) {
        Map<String, ProcSample> samples = new LinkedHashMap<>();
        pids.forEach((name, pid) -> samples.put(name, sampleTree(name, pid)));
        return samples;
    }

    /**
     * The CPU seconds of a process and of every process below it: for each, its own utime + stime and cutime +
     * cstime, what its children that already ended and were waited for used. So a child that ends between two
     * samples is counted in both, first on its own, then in its parent's cutime. Memory is the root's alone (the
     * children of a PostgreSQL server share its buffers, a sum would count them many times).
     */
    public static ProcSample sampleTree(String name, long pid) {
        ProcSample root = sample(name, pid);
        if (!root.present()) {
            return root;
        }
        try {
            double cpu = treeCpuSeconds(Path.of("/proc"), pid);
            return new ProcSample(name, pid, root.atMillis(), cpu, root.jitCpuSeconds(), root.rssMiB(),
                    root.peakRssMiB(), true);
        } catch (IOException | RuntimeException e) {
            return ProcSample.missing(name);
        }
    }

    static double treeCpuSeconds(Path proc, long root) throws IOException {
        Map<Long, String> stats = new HashMap<>();
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String file = entry.getFileName().toString();
                if (!file.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException gone) { // ended while we looked
                    continue;
                }
                long pid = Long.parseLong(file);
                stats.put(pid, stat);
                children.computeIfAbsent(parentPid(stat), p -> new ArrayList<>()).add(pid);
            }
        }
        if (!stats.containsKey(root)) {
            throw new IllegalStateException("no process " + root);
        }
        double cpu = 0;
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.pop();
            cpu += cpuSeconds(stats.get(pid)) + childrenCpuSeconds(stats.get(pid));
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return cpu;
    }

    /**
     * The CPU seconds of a process's JIT compiler threads: HotSpot names them "C1 CompilerThread<n>" and
     * "C2 CompilerThread<n>", which /proc/PID/task/TID/comm cuts to 15 characters. 0 for a process without any.
     * A compiler thread that ended between two looks takes its CPU with it (HotSpot may stop one it started when
     * the compile queue grew; with two cores it runs one of each and keeps them).
     */
    static double jitCpuSeconds(Path proc, long pid) {
        double cpu = 0;
        try (Stream<Path> tasks = Files.list(proc.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm"));
                    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                        cpu += cpuSeconds(Files.readString(task.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return cpu;
    }

    /** This JVM (the load generator), by its own pid. */
    public static ProcSample self(String name) {
        return sample(name, ProcessHandle.current().pid());
    }

    /** utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after ")". */
    static double cpuSeconds(String stat) {
        String[] fields = fieldsAfterName(stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** cutime and cstime, fields 16 and 17: the CPU of the children that ended and were waited for. */
    static double childrenCpuSeconds(String stat) {
        String[] fields = fieldsAfterName(stat);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
    }

    /** ppid, field 4. */
    static long parentPid(String stat) {
        return Long.parseLong(fieldsAfterName(stat)[1]);
    }

    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
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
