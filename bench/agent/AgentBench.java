import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Agent vs `nft -f` on the same changes, run inside a network namespace by bench/agent/run (which creates and
 * removes it). Each run measures both sides back to back and reports their ratio; the summary is the median over
 * runs. Usage: java -cp agent.jar bench/agent/AgentBench.java AGENT_JAR [RUNS]
 */
public class AgentBench {

    static final TableRef BENCH = new TableRef(Family.INET, "bench");
    static final int RULES_PER_RUN = 40;
    static final int ELEMENTS = 100_000;

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("nk-agent-bench");
        List<String> command = new ArrayList<>(List.of("java"));
        String javaOpts = System.getenv().getOrDefault("AGENT_JAVA_OPTS", "");
        if (!javaOpts.isBlank()) {
            command.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar, "serve", "--state-dir", work.resolve("state").toString()));
        String agentLog = System.getenv("AGENT_LOG");
        Process agent = new ProcessBuilder(command).redirectError(agentLog != null ? new java.io.File(agentLog)
                : work.resolve("agent.stderr").toFile()).start();
        try (AgentClient client = new AgentClient(agent.getInputStream(), agent.getOutputStream(), Duration.ofMinutes(2))) {
            client.hello("agent-bench");
            client.apply(Transaction.builder().add(Table.of(BENCH)).add(Chain.regular(BENCH, "c")).build());
            warmUp(client, work);
            double[] ruleRatios = new double[runs];
            double[] setRatios = new double[runs];
            for (int run = 0; run < runs; run++) {
                int base = run * 1000;
                double agentRule = medianMillis(i -> apply(client, addRule(base + i)), RULES_PER_RUN);
                settle();
                double nftRule = medianMillis(i -> nftFile(work, addRule(base + 500 + i).toScript()), RULES_PER_RUN);
                apply(client, Transaction.builder().flush(Chain.regular(BENCH, "c")).build());
                ruleRatios[run] = nftRule / agentRule;

                settle();
                String nftScript = bigSet("big_nft").toScript();
                long t0 = System.nanoTime();
                nftFile(work, nftScript);
                double nftSetMs = (System.nanoTime() - t0) / 1e6;
                Transaction agentSet = bigSet("big_agent");
                t0 = System.nanoTime();
                apply(client, agentSet);
                double agentSetMs = (System.nanoTime() - t0) / 1e6;
                nftFile(work, "delete set inet bench big_nft\n");
                apply(client, Transaction.builder().delete(NftSet.builder(BENCH, "big_agent").type("ipv4_addr")
                        .build()).build());
                setRatios[run] = agentSetMs / nftSetMs;
                System.out.printf(Locale.ROOT, "run %d: one rule: agent %.2f ms, nft -f %.2f ms (%.1fx faster); "
                        + "100k set: agent %.0f ms, nft -f %.0f ms (%.2fx)%n", run + 1, agentRule, nftRule,
                        ruleRatios[run], agentSetMs, nftSetMs, setRatios[run]);
            }
            String hwm = Files.readAllLines(Path.of("/proc", Long.toString(agent.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "median over %d runs: (a) one-rule apply %.1fx faster than nft -f "
                    + "(target >= 10x); (b) 100k-element set %.2fx the time of nft -f (target <= 1.3x); agent %s%n",
                    runs, median(ruleRatios), median(setRatios), hwm);
            client.apply(Transaction.builder().delete(Table.of(BENCH)).build());
        } finally {
            agent.getOutputStream().close();
            agent.waitFor();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void warmUp(AgentClient client, Path work) throws Exception {
        for (int i = 0; i < 200; i++) {
            apply(client, addRule(90_000 + i));
        }
        apply(client, Transaction.builder().flush(Chain.regular(BENCH, "c")).build());
        apply(client, bigSet("warm"));
        apply(client, Transaction.builder().delete(NftSet.builder(BENCH, "warm").type("ipv4_addr").build()).build());
    }

    /** As the provider applies: with a transaction id, so the agent records it for safe retries. */
    static void apply(AgentClient client, Transaction tx) {
        client.apply(tx, Duration.ofSeconds(30), AgentClient.newTxId());
    }

    /**
     * Lets the agent finish the work it defers until idle (recording baselines) so it does not compete with the
     * nft -f side for the two CPUs; the agent's own timings then include only what the caller waits for.
     */
    static void settle() throws InterruptedException {
        Thread.sleep(100);
    }

    static Transaction addRule(int port) {
        return Transaction.builder().add(new Rule(BENCH, "c", "tcp dport " + (port % 65535 + 1) + " accept")).build();
    }

    static Transaction bigSet(String name) {
        List<String> elements = new ArrayList<>(ELEMENTS);
        for (int i = 0; i < ELEMENTS; i++) {
            elements.add("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        return Transaction.builder().add(NftSet.builder(BENCH, name).type("ipv4_addr").elements(elements).build())
                .build();
    }

    static void nftFile(Path work, String script) {
        try {
            Path file = work.resolve("change.nft");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Process nft = new ProcessBuilder("nft", "-f", file.toString()).inheritIO().start();
            if (nft.waitFor() != 0) {
                throw new IllegalStateException("nft -f failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    interface Step {
        void run(int i) throws Exception;
    }

    static double medianMillis(Step step, int times) throws Exception {
        double[] millis = new double[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            step.run(i);
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        return median(millis);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
