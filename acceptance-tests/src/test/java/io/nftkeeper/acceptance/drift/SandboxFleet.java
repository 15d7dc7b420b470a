package io.nftkeeper.acceptance.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableRef;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.wire.AgentClient;
import io.nftkeeper.transport.AgentConnections;
import io.nftkeeper.transport.AgentLaunch;
import io.nftkeeper.transport.AgentTarget;
import io.nftkeeper.transport.Secret;
import io.nftkeeper.transport.SshTarget;
import io.nftkeeper.transport.TransportSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * N sandbox hosts managed like a fleet: one operator key authorised on all of them, one known_hosts file listing all
 * of them (so flags alone reach every host, as with a Terraform state), one agent directory shared by all (the jar
 * is uploaded once), and a baseline table applied through the agent on each.
 */
final class SandboxFleet implements AutoCloseable {

    /** The table every host of the fleet manages: a filter chain with one rule, recorded as the baseline. */
    static final TableRef TABLE = new TableRef(Family.INET, "nkdrift");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<SandboxHost> hosts;
    private final Path workDirectory;

    private SandboxFleet(List<SandboxHost> hosts, Path workDirectory) {
        this.hosts = hosts;
        this.workDirectory = workDirectory;
    }

    /** Starts {@code size} sandboxes named {@code prefix0..} in parallel; on any failure removes those that started. */
    static SandboxFleet start(String prefix, int size) throws Exception {
        Path work = Files.createTempDirectory("nftkeeper-drift-it-");
        List<SandboxHost> started = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(size, 16));
        try {
            List<Future<SandboxHost>> ups = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                String name = prefix + i;
                ups.add(pool.submit(() -> SandboxHost.up(name)));
            }
            Exception failure = null;
            for (Future<SandboxHost> up : ups) {
                try {
                    started.add(up.get());
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            SandboxFleet fleet = new SandboxFleet(List.copyOf(started), work);
            if (failure != null) {
                fleet.close();
                throw failure;
            }
            fleet.authorizeOperatorKey();
            return fleet;
        } finally {
            pool.shutdown();
        }
    }

    List<SandboxHost> hosts() {
        return hosts;
    }

    Path operatorKey() {
        return workDirectory.resolve("operator_key");
    }

    Path knownHosts() {
        return workDirectory.resolve("known_hosts");
    }

    Path agentDirectory() {
        return workDirectory.resolve("agent");
    }

    Path file(String name) {
        return workDirectory.resolve(name);
    }

    /** The flags that reach every host of the fleet. */
    List<String> sshFlags() {
        return List.of(
                "--private-key-file",
                operatorKey().toString(),
                "--known-hosts-file",
                knownHosts().toString(),
                "--agent-dir",
                agentDirectory().toString());
    }

    /**
     * Gives every host the baseline: the agent creates {@link #TABLE}, nft adds a chain and a rule to it, and adopting
     * it again records that as the baseline. The first host goes alone (it uploads the agent jar), the rest in
     * parallel.
     */
    void applyBaselines() throws Exception {
        try (AgentConnections connections = new AgentConnections(TransportSettings.defaults())) {
            Consumer<SandboxHost> baseline = host -> {
                AgentClient agent = connections.agentFor(target(host));
                agent.apply(Transaction.builder()
                        .add(new Table(TABLE.family(), TABLE.name()))
                        .build());
                host.nft("add chain inet nkdrift input { type filter hook input priority 0 ; policy accept ; }");
                host.nft("add rule inet nkdrift input tcp dport 22 accept");
                agent.adopt(TABLE);
            };
            baseline.accept(hosts.get(0));
            inParallel(hosts.subList(1, hosts.size()), 8, baseline);
        }
    }

    /** What {@code terraform show -json} prints for one {@code nftables_table} per host (in a child module). */
    String terraformShowJson(Collection<String> hostAddresses) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode().put("format_version", "1.0").put("terraform_version", "1.11.4");
        ObjectNode rootModule = root.putObject("values").putObject("root_module");
        rootModule.putArray("resources");
        ArrayNode resources = rootModule
                .putArray("child_modules")
                .addObject()
                .put("address", "module.fleet")
                .putArray("resources");
        int i = 0;
        for (String host : hostAddresses) {
            ObjectNode resource = resources
                    .addObject()
                    .put("address", "module.fleet.nftables_table.drift[" + i + "]")
                    .put("mode", "managed")
                    .put("type", "nftables_table")
                    .put("name", "drift")
                    .put("index", i++)
                    .put("provider_name", "registry.terraform.io/nftkeeper/nftables")
                    .put("schema_version", 0);
            resource.putObject("values")
                    .put("id", host + "/inet/nkdrift")
                    .put("host", host)
                    .put("family", "inet")
                    .put("name", "nkdrift");
            resource.putObject("sensitive_values");
        }
        return root.toPrettyString();
    }

    @Override
    public void close() throws IOException {
        try {
            inParallel(hosts, 16, SandboxHost::close);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing the fleet's sandbox hosts", e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("removing the fleet's sandbox hosts failed", e);
        } finally {
            FileTrees.delete(workDirectory);
        }
    }

    private AgentTarget target(SandboxHost host) {
        SshTarget ssh = SshTarget.pinned(
                host.address(), host.port(), host.user(), new Secret(host.privateKey()), host.hostKey());
        return new AgentTarget(
                ssh, AgentLaunch.defaults().withDirectory(agentDirectory().toString()));
    }

    /** One key for the whole fleet, as an operator would have, plus a known_hosts file naming every host. */
    private void authorizeOperatorKey() throws IOException {
        Files.createDirectories(agentDirectory());
        CommandRun keygen = CommandRun.of(
                TIMEOUT,
                List.of(
                        "ssh-keygen",
                        "-q",
                        "-t",
                        "ed25519",
                        "-N",
                        "",
                        "-C",
                        "nftkeeper-drift-it-operator",
                        "-f",
                        operatorKey().toString()));
        if (!keygen.succeeded()) {
            throw new IllegalStateException("ssh-keygen failed: " + keygen.stderr());
        }
        String publicKey = Files.readString(Path.of(operatorKey() + ".pub"));
        StringBuilder knownHosts = new StringBuilder();
        for (SandboxHost host : hosts) {
            Files.writeString(host.authorizedKeysFile(), publicKey, StandardOpenOption.APPEND);
            knownHosts.append(host.address()).append(' ').append(host.hostKey()).append('\n');
        }
        Files.writeString(knownHosts(), knownHosts);
    }

    static <T> void inParallel(List<T> items, int threads, Consumer<T> action) throws Exception {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()));
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (T item : items) {
                Callable<Object> task = () -> {
                    action.accept(item);
                    return null;
                };
                futures.add(pool.submit(task));
            }
            Exception failure = null;
            for (Future<Object> future : futures) {
                try {
                    future.get();
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }
}
