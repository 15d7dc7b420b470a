import io.nftkeeper.agent.InProcessAgent;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.protocol.wire.ApplyParams;
import io.nftkeeper.protocol.wire.JsonLines;
import io.nftkeeper.protocol.wire.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;

/**
 * Agent vs `nft -f` on the same changes, run inside a network namespace by bench/agent/run (which creates and
 * removes it). The namespace first gets a ruleset of realistic size ({@link #realisticRuleset()}); the agent adopts
 * its firewall table. Each run then measures, back to back, the same one-rule change five ways:
 * <ol>
 *   <li>floor: a bare {@code nft_run_cmd_from_buffer} in this JVM (what no agent can beat: parse, cache, commit);
 *   <li>agent in-process: the agent's apply operation called in this JVM ({@link InProcessAgent}: host lock,
 *       ownership, journal, audit, deferred baselines; no pipe, no JSON);
 *   <li>agent, raw pipe: a second agent process answering pre-serialised requests (the serve loop alone);
 *   <li>agent, {@link AgentClient}: what the provider sees, request to response;
 *   <li>{@code nft -f file}, exec'd.
 * </ol>
 * and reports ratios against {@code nft -f}; the summary is the median over runs.
 * Usage: java -cp agent.jar bench/agent/AgentBench.java AGENT_JAR [RUNS]
 */
public class AgentBench {

    static final TableRef BENCH = new TableRef(Family.INET, "bench");
    static final int RULES_PER_RUN = 40;
    static final int ELEMENTS = 100_000;

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("nk-agent-bench");
        nftFile(work, realisticRuleset());
        Floor floor = new Floor();
        Process agent = startAgent(jar, work, "agent.stderr");
        Process rawAgent = startAgent(jar, work, "raw-agent.stderr");
        RawClient raw = new RawClient(rawAgent.getInputStream(), rawAgent.getOutputStream());
        InProcessAgent inProcess = InProcessAgent.open(work.resolve("state"), work.resolve("audit.log"),
                "agent-bench-in-process");
        try (AgentClient client = new AgentClient(agent.getInputStream(), agent.getOutputStream(), Duration.ofMinutes(2))) {
            client.hello("agent-bench");
            client.adopt(BENCH);
            warmUp(client, raw, floor, inProcess, work);
            double[][] ratios = new double[5][runs];
            long agentCpuNanos = 0;
            long rawCpuNanos = 0;
            long nftCpuTicks = 0;
            for (int run = 0; run < runs; run++) {
                int base = run * 1000;
                double floorRule = medianMillis(i -> floor.run(addRule(base + i).toScript()), RULES_PER_RUN);
                ApplyParams[] inProcessParams = inProcessParams(base + 400, RULES_PER_RUN);
                double inProcessRule = medianMillis(i -> inProcess.apply(inProcessParams[i]), RULES_PER_RUN);
                settle();
                inProcess.idle();
                byte[][] rawRequests = raw.requests(base + 100, RULES_PER_RUN);
                long cpu0 = cpuNanos(rawAgent);
                double rawRule = medianMillis(i -> raw.send(rawRequests[i]), RULES_PER_RUN);
                settle();
                rawCpuNanos += cpuNanos(rawAgent) - cpu0;
                cpu0 = cpuNanos(agent);
                double agentRule = medianMillis(i -> apply(client, addRule(base + 200 + i)), RULES_PER_RUN);
                settle();
                agentCpuNanos += cpuNanos(agent) - cpu0;
                long ticks0 = childCpuTicks();
                double nftRule = medianMillis(i -> nftFile(work, addRule(base + 300 + i).toScript()), RULES_PER_RUN);
                nftCpuTicks += childCpuTicks() - ticks0;
                apply(client, Transaction.builder().flush(Chain.regular(BENCH, "c")).build());
                ratios[0][run] = nftRule / agentRule;
                ratios[1][run] = nftRule / rawRule;
                ratios[2][run] = nftRule / floorRule;
                ratios[4][run] = nftRule / inProcessRule;

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
                ratios[3][run] = agentSetMs / nftSetMs;
                System.out.printf(Locale.ROOT, "run %d: one rule: floor %.3f ms, agent in-process %.3f ms, agent raw "
                        + "pipe %.3f ms, agent AgentClient %.3f ms, nft -f %.2f ms (%.1fx faster; in-process %.1fx; "
                        + "raw %.1fx; floor %.1fx); 100k set: agent %.0f ms, nft -f %.0f ms (%.2fx)%n", run + 1,
                        floorRule, inProcessRule, rawRule, agentRule, nftRule, ratios[0][run], ratios[4][run],
                        ratios[1][run], ratios[2][run], agentSetMs, nftSetMs, ratios[3][run]);
            }
            String hwm = Files.readAllLines(Path.of("/proc", Long.toString(agent.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
            System.out.printf(Locale.ROOT, "median over %d runs: (a) one-rule apply %.1fx faster than nft -f "
                    + "through AgentClient (target >= 10x; agent in-process %.1fx; raw pipe %.1fx; floor, a bare "
                    + "in-process nft_run_cmd_from_buffer, %.1fx); (b) 100k-element set %.2fx the time of nft -f "
                    + "(target <= 1.3x); agent %s%n", runs, median(ratios[0]), median(ratios[4]), median(ratios[1]),
                    median(ratios[2]), median(ratios[3]), hwm);
            int changes = runs * RULES_PER_RUN;
            double nftCpu = nftCpuTicks * 10.0 / changes;
            System.out.printf(Locale.ROOT, "CPU per one-rule change (all threads, user + system; includes what the "
                    + "agent defers until idle): agent %.3f ms, raw-pipe agent %.3f ms, nft -f process %.2f ms "
                    + "(%.1fx, %.1fx); load average %s%n", agentCpuNanos / 1e6 / changes, rawCpuNanos / 1e6 / changes,
                    nftCpu, nftCpu / (agentCpuNanos / 1e6 / changes), nftCpu / (rawCpuNanos / 1e6 / changes),
                    Files.readString(Path.of("/proc/loadavg")).strip());
        } finally {
            agent.getOutputStream().close();
            rawAgent.getOutputStream().close();
            agent.waitFor();
            rawAgent.waitFor();
            inProcess.close();
            floor.close();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Process startAgent(String jar, Path work, String stderrName) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        // the provider's flags (AgentCommand.JVM_OPTIONS), so the agent measured is the agent that runs
        String javaOpts = System.getenv().getOrDefault("AGENT_JAVA_OPTS",
                "-XX:+UseSerialGC -Xms16m -Xmx512m -Xss512k");
        if (!javaOpts.isBlank()) {
            command.addAll(List.of(javaOpts.trim().split("\\s+")));
        }
        // both agents share one state directory, as two provider sessions on one host do
        // and one audit log: every apply writes its line, the in-process agent's too
        command.addAll(List.of("-jar", jar, "serve", "--state-dir", work.resolve("state").toString(),
                "--audit-log", work.resolve("audit.log").toString()));
        String agentLog = System.getenv("AGENT_LOG");
        java.io.File log = agentLog != null && stderrName.equals("agent.stderr") ? new java.io.File(agentLog)
                : work.resolve(stderrName).toFile();
        return new ProcessBuilder(command).redirectError(log).start();
    }

    /** On-CPU time of every thread of {@code process} so far (schedstat, nanoseconds). */
    static long cpuNanos(Process process) throws IOException {
        long total = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    total += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                } catch (IOException threadEnded) {
                    // a thread that ended between listing and reading: its time is lost either way
                }
            }
        }
        return total;
    }

    /** User + system time of this JVM's reaped children (the nft processes), in clock ticks of 10 ms. */
    static long childCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after the command: state is field 3 of stat(5), so cutime (16) and cstime (17) are at 13 and 14
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    static void warmUp(AgentClient client, RawClient raw, Floor floor, InProcessAgent inProcess, Path work)
            throws Exception {
        for (int i = 0; i < 300; i++) {
            apply(client, addRule(90_000 + i));
            raw.send(raw.requests(91_000 + i, 1)[0]);
            floor.run(addRule(92_000 + i).toScript());
            inProcess.apply(inProcessParams(94_000 + i, 1)[0]);
        }
        for (int i = 0; i < 10; i++) {
            nftFile(work, addRule(93_000 + i).toScript());
        }
        apply(client, Transaction.builder().flush(Chain.regular(BENCH, "c")).build());
        apply(client, bigSet("warm"));
        apply(client, Transaction.builder().delete(NftSet.builder(BENCH, "warm").type("ipv4_addr").build()).build());
    }

    /** The in-process agent's apply params, one per port from {@code firstPort}, made before the clock starts. */
    static ApplyParams[] inProcessParams(int firstPort, int count) {
        ApplyParams[] params = new ApplyParams[count];
        for (int i = 0; i < count; i++) {
            params[i] = new ApplyParams(addRule(firstPort + i), 30_000L, AgentClient.newTxId());
        }
        return params;
    }

    /** As the provider applies: with a transaction id, so the agent records it for safe retries. */
    static void apply(AgentClient client, Transaction tx) {
        client.apply(tx, Duration.ofSeconds(30), AgentClient.newTxId());
    }

    /**
     * Lets the agents finish the work they defer until idle (recording baselines) so it does not compete with the
     * next series for the two CPUs; the agent's own timings then include only what the caller waits for.
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

    /**
     * A small server's firewall plus what a container runtime adds: table inet bench (the managed one) with 6
     * chains, 206 rules, an interval set of 1,000 prefixes, a hash set of 2,000 addresses and a named counter; tables
     * ip filter (60 rules) and ip nat (20 rules) that nftkeeper does not manage.
     */
    static String realisticRuleset() {
        StringBuilder s = new StringBuilder("table inet bench {\n  set allow4 { type ipv4_addr; flags interval; "
                + "elements = { ");
        for (int i = 0; i < 1000; i++) {
            s.append(i == 0 ? "" : ", ").append("10.").append(i >> 8).append('.').append(i & 255).append(".0/24");
        }
        s.append(" } }\n  set blocked { type ipv4_addr; elements = { ");
        for (int i = 0; i < 2000; i++) {
            s.append(i == 0 ? "" : ", ").append("172.16.").append(i >> 8).append('.').append(i & 255);
        }
        s.append(" } }\n  counter web_hits { }\n  chain input { type filter hook input priority 0; policy accept;\n"
                + "    ct state established,related accept\n    ip saddr @blocked drop\n");
        for (int k = 0; k < 4; k++) {
            s.append("    jump svc").append(k).append('\n');
        }
        s.append("  }\n");
        for (int k = 0; k < 4; k++) {
            s.append("  chain svc").append(k).append(" {\n");
            for (int r = 0; r < 50; r++) {
                s.append("    ip saddr @allow4 tcp dport ").append(k * 1000 + r + 1).append(" counter accept\n");
            }
            s.append("  }\n");
        }
        s.append("  chain c { }\n}\ntable ip filter {\n  chain FORWARD { type filter hook forward priority 0; "
                + "policy drop;\n");
        for (int r = 0; r < 60; r++) {
            s.append("    iifname \"br").append(r).append("\" oifname \"eth0\" accept\n");
        }
        s.append("  }\n}\ntable ip nat {\n  chain POSTROUTING { type nat hook postrouting priority srcnat; "
                + "policy accept;\n");
        for (int r = 0; r < 20; r++) {
            s.append("    ip saddr 172.").append(17 + r).append(".0.0/16 oifname \"eth0\" masquerade\n");
        }
        return s.append("  }\n}\n").toString();
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

    /** The least any in-process apply can cost: one context, one call per change, nothing else. */
    static final class Floor implements AutoCloseable {
        public interface Api {
            Pointer nft_ctx_new(int flags);

            void nft_ctx_free(Pointer ctx);

            int nft_ctx_buffer_output(Pointer ctx);

            int nft_ctx_buffer_error(Pointer ctx);

            String nft_ctx_get_error_buffer(Pointer ctx);

            int nft_run_cmd_from_buffer(Pointer ctx, String buffer);
        }

        private final Api api = LibraryLoader.create(Api.class).failImmediately().load("libnftables.so.1");
        private final Pointer ctx = api.nft_ctx_new(0);

        Floor() {
            api.nft_ctx_buffer_output(ctx);
            api.nft_ctx_buffer_error(ctx);
        }

        void run(String script) {
            if (api.nft_run_cmd_from_buffer(ctx, script) != 0) {
                throw new IllegalStateException(api.nft_ctx_get_error_buffer(ctx));
            }
        }

        @Override
        public void close() {
            api.nft_ctx_free(ctx);
        }
    }

    /** Writes pre-serialised requests and reads answers as bytes: the agent's serve loop with no client around it. */
    static final class RawClient {
        private final InputStream in;
        private final OutputStream out;
        private long nextId = 1;

        RawClient(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        /** One apply request line per port from {@code firstPort}, serialised before the clock starts. */
        byte[][] requests(int firstPort, int count) throws IOException {
            byte[][] lines = new byte[count][];
            for (int i = 0; i < count; i++) {
                byte[] json = JsonLines.mapper().writeValueAsBytes(new Request(nextId++, "apply", JsonLines.mapper()
                        .valueToTree(new ApplyParams(addRule(firstPort + i), 30_000L, AgentClient.newTxId()))));
                lines[i] = Arrays.copyOf(json, json.length + 1);
                lines[i][json.length] = '\n';
            }
            return lines;
        }

        void send(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            StringBuilder answer = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("the raw agent closed its stdout");
                }
                answer.append((char) b);
            }
            if (answer.indexOf("\"error\"") >= 0) {
                throw new IllegalStateException(answer.toString());
            }
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
