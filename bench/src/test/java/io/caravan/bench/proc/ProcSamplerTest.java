package io.caravan.bench.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcSamplerTest {

    @Test
    void shouldAddUtimeAndStimeWhenTheCommandNameHoldsSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 7 8 20 0 40 0 123 456 789";

        assertEquals(3.0, ProcSampler.cpuSeconds(stat)); // (250 + 50) ticks at 100 per second
    }

    @Test
    void shouldReadKibibytesWhenTheStatusHasTheKey() {
        String status = "Name:\tjava\nVmHWM:\t  434592 kB\nVmRSS:\t  398000 kB\n";

        assertEquals(434592, ProcSampler.kib(status, "VmHWM"));
        assertEquals(398000, ProcSampler.kib(status, "VmRSS"));
    }

    @Test
    void shouldAddEveryDescendantAndWhatEndedChildrenUsedWhenSamplingATree(@TempDir Path proc) throws Exception {
        // pid ppid ... utime stime cutime cstime (fields 14-17)
        stat(proc, 100, "postgres", 1, 100, 50, 30, 20); // the server; its ended backends used 0.5 s
        stat(proc, 101, "postgres: app db", 100, 200, 0, 0, 0);
        stat(proc, 102, "worker", 101, 10, 10, 5, 5);
        stat(proc, 200, "java", 1, 900, 99, 0, 0); // not below 100
        Files.createDirectories(proc.resolve("self")); // not a pid

        assertEquals(4.3, ProcSampler.treeCpuSeconds(proc, 100), 1e-9);
        assertEquals(0.3, ProcSampler.treeCpuSeconds(proc, 102), 1e-9);
    }

    @Test
    void shouldCountAtLeastTheProcessItselfWhenSamplingThisJvmAsATree() {
        ProcSample tree = ProcSampler.sampleTree("me", ProcessHandle.current().pid());

        assertTrue(tree.present());
        assertTrue(tree.cpuSeconds() >= ProcSampler.self("me").cpuSeconds() - 0.05, tree.toString());
        assertFalse(ProcSampler.sampleTree("ghost", Integer.MAX_VALUE).present());
    }

    @Test
    void shouldAddOnlyTheJitCompilerThreadsWhenSamplingAJvmsCompilers(@TempDir Path proc) throws Exception {
        Path tasks = proc.resolve("300").resolve("task");
        stat(tasks, 300, "java", 1, 500, 100, 0, 0); // the main thread
        stat(tasks, 301, "C2 CompilerThre", 1, 120, 30, 0, 0);
        stat(tasks, 302, "C1 CompilerThre", 1, 20, 10, 0, 0);
        stat(tasks, 303, "http-nio-8083-e", 1, 900, 90, 0, 0);
        stat(tasks, 304, "Sweeper thread", 1, 5, 5, 0, 0);

        assertEquals(1.8, ProcSampler.jitCpuSeconds(proc, 300), 1e-9); // (150 + 30) ticks
        assertEquals(0, ProcSampler.jitCpuSeconds(proc, 301), "no such process");
    }

    private static void stat(Path proc, long pid, String name, long ppid, long utime, long stime, long cutime, long cstime)
            throws Exception {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S " + ppid + " " + pid + " " + pid
                + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " " + cutime + " " + cstime + " 20 0 1 0 123 456 789\n");
        Files.writeString(dir.resolve("comm"), name + "\n");
    }

    @Test
    void shouldSkipEntriesWithoutAPidWhenParsingTheSpec() {
        Map<String, Long> pids = ProcSampler.parsePids("user=12, catalog= ,order=34,junk");

        assertEquals(Map.of("user", 12L, "order", 34L), pids);
    }

    @Test
    void shouldReportPresentWhenSamplingThisJvmAndMissingWhenNoSuchProcess() {
        ProcSample self = ProcSampler.self("me");
        assertTrue(self.present());
        assertTrue(self.jitCpuSeconds() >= 0 && self.jitCpuSeconds() <= self.cpuSeconds(), self.toString());
        assertTrue(self.rssMiB() > 0 && self.peakRssMiB() >= self.rssMiB());

        assertFalse(ProcSampler.sample("ghost", Integer.MAX_VALUE).present());
    }
}
