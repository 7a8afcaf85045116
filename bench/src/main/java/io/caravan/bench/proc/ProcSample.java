package io.caravan.bench.proc;

/**
 * One look at a process: CPU time used so far (utime + stime, in seconds), the part of it its JIT compiler threads
 * used (a JVM's; 0 for any other process), resident memory now (VmRSS) and its peak so far (VmHWM), in MiB.
 * {@link #missing(String)} when the process is not there (or not local).
 */
public record ProcSample(String name, long pid, long atMillis, double cpuSeconds, double jitCpuSeconds, double rssMiB,
        double peakRssMiB, boolean present) {

    public static ProcSample missing(String name) {
        return new ProcSample(name, -1, System.currentTimeMillis(), 0, 0, 0, 0, false);
    }
}
