package io.caravan.bench.reference;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.caravan.bench.Latencies;

/**
 * pgbench's client model: N clients, each with its own connection(s), each running one order after another with
 * no think time for a fixed duration. Connections are opened before the clock starts. An order that started
 * before the deadline is finished (so every chain of split transactions is complete in the database), but only
 * orders finished before the deadline count toward the rate.
 */
final class ClosedLoop {

    /** One client's work: set up (open connections) then run one order at a time. */
    interface Client extends AutoCloseable {
        /** @return true when committed, false when refused by a conditional update (stock or points short) */
        boolean runOne() throws SQLException;

        @Override
        void close();
    }

    interface ClientFactory {
        Client open() throws SQLException;
    }

    /** What N clients did in the window (and after it, finishing what they had started). */
    record Outcome(int clients, double seconds, long committedInWindow, long committedTotal, long refused, long errors,
            String firstError, Latencies latencies) {

        double perSecond() {
            return committedInWindow / seconds;
        }
    }

    private ClosedLoop() {
    }

    static Outcome run(int clients, int seconds, ClientFactory factory) throws Exception {
        return runGroups(clients, seconds, List.of(factory)).get(0);
    }

    /**
     * Several groups of N clients at once, each on its own work (pgbench started once per script), one outcome
     * per group, all measured over the same window.
     */
    static List<Outcome> runGroups(int clients, int seconds, List<ClientFactory> factories) throws Exception {
        List<List<Client>> groups = new ArrayList<>();
        try {
            for (ClientFactory factory : factories) {
                List<Client> group = new ArrayList<>();
                groups.add(group);
                for (int i = 0; i < clients; i++) {
                    group.add(factory.open());
                }
            }
            return measure(groups, seconds);
        } finally {
            groups.forEach(group -> group.forEach(Client::close));
        }
    }

    private static List<Outcome> measure(List<List<Client>> groups, int seconds) throws Exception {
        int threads = groups.stream().mapToInt(List::size).sum();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        long[] window = new long[2];
        List<List<Future<long[]>>> results = new ArrayList<>();
        List<List<Latencies>> latencies = new ArrayList<>();
        List<AtomicReference<String>> firstErrors = new ArrayList<>();
        for (List<Client> group : groups) {
            List<Future<long[]>> groupResults = new ArrayList<>();
            List<Latencies> groupLatencies = new ArrayList<>();
            AtomicReference<String> firstError = new AtomicReference<>();
            results.add(groupResults);
            latencies.add(groupLatencies);
            firstErrors.add(firstError);
            for (Client client : group) {
                Latencies mine = new Latencies();
                groupLatencies.add(mine);
                groupResults.add(pool.submit(() -> {
                    start.await();
                    return loop(client, window[1], mine, firstError);
                }));
            }
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        try {
            for (int g = 0; g < groups.size(); g++) {
                long[] sum = new long[4];
                for (Future<long[]> f : results.get(g)) {
                    long[] r = f.get();
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] += r[i];
                    }
                }
                outcomes.add(new Outcome(groups.get(g).size(), seconds, sum[0], sum[1], sum[2], sum[3],
                        firstErrors.get(g).get(), Latencies.merge(latencies.get(g))));
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /** @return {committed in window, committed in all, refused, errors} */
    private static long[] loop(Client client, long deadline, Latencies latencies, AtomicReference<String> firstError) {
        long inWindow = 0, total = 0, refused = 0, errors = 0;
        while (true) {
            long began = System.nanoTime();
            if (began >= deadline) {
                break;
            }
            try {
                if (client.runOne()) {
                    long ended = System.nanoTime();
                    total++;
                    if (ended <= deadline) {
                        inWindow++;
                        latencies.add(ended - began);
                    }
                } else {
                    refused++;
                }
            } catch (SQLException e) {
                errors++;
                firstError.compareAndSet(null, e.getSQLState() + " " + e.getMessage());
            }
        }
        return new long[] {inWindow, total, refused, errors};
    }
}
