package io.caravan.bench.proc;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
    void shouldSkipEntriesWithoutAPidWhenParsingTheSpec() {
        Map<String, Long> pids = ProcSampler.parsePids("user=12, catalog= ,order=34,junk");

        assertEquals(Map.of("user", 12L, "order", 34L), pids);
    }

    @Test
    void shouldReportPresentWhenSamplingThisJvmAndMissingWhenNoSuchProcess() {
        ProcSample self = ProcSampler.self("me");
        assertTrue(self.present());
        assertTrue(self.rssMiB() > 0 && self.peakRssMiB() >= self.rssMiB());

        assertFalse(ProcSampler.sample("ghost", Integer.MAX_VALUE).present());
    }
}
