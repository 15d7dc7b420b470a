package io.nftkeeper.acceptance.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher hands Terraform sessions of one resident provider JVM per user and build. Each session must behave
 * as a provider process of its own would: its own environment and working directory (relative paths), its own
 * logs; other users get nothing; and with {@code NFTKEEPER_PROVIDER_RESIDENT=0} the launcher runs a JVM of its own.
 */
class ResidentProviderIT {
    private static final Pattern PLUGIN_STARTED = Pattern.compile("plugin started: path=\\S+ pid=(\\d+)");
    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("resident-prov-it");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void twoWorkingDirectoriesAtOnceShareOneServerAndEachReadsItsOwnRelativeFiles() throws Exception {
        Terraform a = team("team_a", "10.41.0.1\n");
        Terraform b = team("team_b", "10.42.0.1\n10.42.0.2\n");

        CompletableFuture<Terraform.Result> applyA = CompletableFuture.supplyAsync(a::apply);
        CompletableFuture<Terraform.Result> applyB = CompletableFuture.supplyAsync(b::apply);
        applyA.join();
        applyB.join();

        assertThat(host.nft("list set inet team_a blocklist"))
                .contains("10.41.0.1")
                .doesNotContain("10.42.");
        assertThat(host.nft("list set inet team_b blocklist"))
                .contains("10.42.0.1", "10.42.0.2")
                .doesNotContain("10.41.");
        assertThat(servers()).hasSize(1);
        Set<String> launchers =
                launcherPids(a.withEnvironment("TF_LOG", "debug").plan().assertExit(0));
        assertThat(launchers).isNotEmpty();
        assertThat(serverLog())
                .contains(launchers.stream()
                        .map(pid -> "for process " + pid + " begins")
                        .toList());
        b.plan().assertExit(0);
        a.destroy();
        b.destroy();
    }

    /**
     * Like OpenSSH's ControlPersist, a session leaves its SSH connection to the next one, unless it changed the host:
     * after a change, the next command must log in anew, proving that the change did not cut new logins.
     */
    @Test
    void aPlanTakesOverTheConnectionOfThePlanBeforeButNeverOfAnApply() throws Exception {
        Terraform tf = team("kept", "10.45.0.1\n");
        tf.apply();

        long afterApply = loginsDuring(() -> tf.plan().assertExit(0));
        long afterPlan = loginsDuring(() -> tf.plan().assertExit(0));
        long keptNone = loginsDuring(() -> tf.withEnvironment("NFTKEEPER_PROVIDER_KEEP_CONNECTIONS", "0")
                .plan()
                .assertExit(0));
        long afterKeptNone = loginsDuring(() -> tf.plan().assertExit(0));

        assertThat(afterApply).as("the plan after an apply logs in anew").isEqualTo(1);
        assertThat(afterPlan)
                .as("the plan after a plan takes over its connection")
                .isZero();
        assertThat(keptNone)
                .as("NFTKEEPER_PROVIDER_KEEP_CONNECTIONS=0 only changes what is left behind")
                .isZero();
        assertThat(afterKeptNone).as("... so the plan after it logs in anew").isEqualTo(1);
        tf.destroy();
    }

    private static long loginsDuring(Runnable command) {
        long before = host.acceptedLogins();
        command.run();
        return host.acceptedLogins() - before;
    }

    @Test
    void withResidentOffEachPluginProcessIsAJvmOfItsOwn() throws Exception {
        Terraform tf = team("alone", "10.43.0.1\n").withEnvironment("NFTKEEPER_PROVIDER_RESIDENT", "0");
        tf.apply();

        Terraform.Result plan = tf.withEnvironment("TF_LOG", "debug").plan().assertExit(0);

        Set<String> launchers = launcherPids(plan);
        assertThat(launchers).isNotEmpty();
        String log = serverLog();
        assertThat(launchers).allSatisfy(pid -> assertThat(log).doesNotContain("for process " + pid + " begins"));
        tf.destroy();
    }

    @Test
    void anotherUserGetsNoSessionFromTheServer() throws Exception {
        team("probe", "10.44.0.1\n").plan().assertExit(2);
        String server = servers().get(0);
        Path directory = Path.of(argumentAfter(server, "--resident"));
        String port = Files.readString(directory.resolve("port")).strip();

        // nobody could not even read the port file (the directory is 0700); given the port, it gets no answer
        CommandRun run = CommandRun.of(
                Duration.ofSeconds(30),
                List.of(
                        "setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "bash",
                        "-c",
                        "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'session %s %s\\n' $$ '" + directory
                                + "' >&3 && IFS= read -r -t 20 line <&3; printf 'answer:%s' \"$line\""));

        assertThat(run.stdout()).isEqualTo("answer:");
        assertThat(serverLog()).contains("not a process of this user");
    }

    /** A working directory whose provider block and blocklist name files relative to it. */
    private Terraform team(String table, String blocklist) throws IOException {
        Path dir = workDir.resolve(table);
        Files.createDirectories(dir.resolve("keys"));
        Files.copy(host.privateKeyPath(), dir.resolve("keys/id"));
        Files.writeString(dir.resolve("blocklist.txt"), blocklist);
        Terraform tf = Terraform.in(dir)
                .config("""
                        terraform {
                          required_providers {
                            nftables = { source = "nftkeeper/nftables" }
                          }
                        }
                        provider "nftables" {
                          host               = "%s"
                          private_key_file   = "keys/id"
                          host_key           = "%s"
                          lockout_protection = { enabled = false }
                        }
                        """.formatted(host.address(), host.hostKey()) + Hcl.table("t", "inet", table) + """
                        resource "nftables_set" "blocklist" {
                          table_id      = nftables_table.t.id
                          name          = "blocklist"
                          type          = "ipv4_addr"
                          elements_file = "blocklist.txt"
                        }
                        """);
        tf.init();
        return tf;
    }

    /** The process IDs of the plugin processes terraform started, from its debug log. */
    private static Set<String> launcherPids(Terraform.Result result) {
        return PLUGIN_STARTED
                .matcher(result.stderr())
                .results()
                .map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    /** The command lines of the resident servers of the provider build the tests installed. */
    private static List<String> servers() {
        String jar = jar().toString();
        return ProcessHandle.allProcesses()
                .map(p -> p.info().arguments().map(List::of).orElse(List.of()))
                .filter(args -> args.contains("--resident") && args.contains(jar))
                .map(args -> String.join(" ", args))
                .toList();
    }

    private static String serverLog() {
        try {
            return Files.readString(
                    Path.of(argumentAfter(servers().get(0), "--resident")).resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String argumentAfter(String commandLine, String option) {
        List<String> args = List.of(commandLine.split(" "));
        return args.get(args.indexOf(option) + 1);
    }

    private static Path jar() {
        try {
            return ProviderMirror.pluginExecutable().toRealPath().resolveSibling("nftkeeper-provider.jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
