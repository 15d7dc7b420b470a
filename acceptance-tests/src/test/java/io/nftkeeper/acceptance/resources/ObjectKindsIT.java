package io.nftkeeper.acceptance.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.Hcl;
import io.nftkeeper.acceptance.terraform.Terraform;
import io.nftkeeper.cli.Main;
import io.nftkeeper.cli.drift.AgentHostChecker;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nftables_ct_helper, nftables_ct_timeout, nftables_ct_expectation, nftables_synproxy, nftables_flowtable and
 * nftables_secmark end to end with real terraform and kernel nftables in a sandbox netns. The test kernel has no
 * flowtable support (CONFIG_NF_FLOW_TABLE unset) and no active SELinux, so for those two kinds the test proves that
 * the plan names the missing kernel support and leaves the host as it was.
 */
class ObjectKindsIT {
    private static final int FTP_PORT = 10021;
    private static final int EXPECTING_PORT = 10022;

    private static final String HAND_WRITTEN = """
            table inet legacy_kinds {
            \tct helper ftp {
            \t\ttype "ftp" protocol tcp
            \t\tl3proto ip
            \t}
            \tct timeout udp-short {
            \t\tprotocol udp
            \t\tl3proto ip
            \t\tpolicy = { unreplied : 10, replied : 60 }
            \t}
            \tct expectation back {
            \t\tprotocol tcp
            \t\tdport 2000
            \t\ttimeout 30s
            \t\tsize 4
            \t\tl3proto ip
            \t}
            \tsynproxy web {
            \t\tmss 1460
            \t\twscale 7
            \t\tsack-perm
            \t}
            \tchain out {
            \t\ttype filter hook output priority filter; policy accept;
            \t\ttcp dport 21 ct helper set "ftp"
            \t\tudp dport 53 ct timeout set "udp-short"
            \t\ttcp dport 1999 ct state new ct expectation set "back"
            \t}
            \tchain in {
            \t\ttype filter hook input priority filter; policy accept;
            \t\ttcp dport 443 ct state invalid,untracked synproxy name "web"
            \t}
            }
            """;

    private static SandboxHost host;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startHost() {
        host = SandboxHost.up("obj-kinds");
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void ctObjectsAndSynproxiesAreCreatedUsedChangedImportedAndDestroyedWithoutDrift() throws Exception {
        Terraform tf = Terraform.in(workDir.resolve("main")).config(config(120, 1460, "1m"));
        tf.init();
        tf.apply();

        String listed = host.nft("list table inet kinds");
        assertThat(listed)
                .contains(
                        "ct helper ftp-standard {\n\t\ttype \"ftp\" protocol tcp\n\t\tl3proto inet\n",
                        "ct timeout tcp-short {\n\t\tprotocol tcp\n\t\tl3proto ip\n\t\tpolicy = { established : 120 }\n",
                        "ct expectation e1 {\n\t\tprotocol tcp\n\t\tdport 10099\n\t\ttimeout 1m\n\t\tsize 3\n\t\tl3proto ip\n",
                        "synproxy www {\n\t\tmss 1460\n\t\twscale 7\n\t\ttimestamp sack-perm\n",
                        "tcp dport " + FTP_PORT + " ct helper set \"ftp-standard\"",
                        "ct timeout set \"tcp-short\"",
                        "ct expectation set \"e1\"",
                        "synproxy name \"www\"");
        tf.plan().assertExit(0);
        tf.plan("-refresh=false").assertExit(0);

        // the helper expects the FTP data connection a real PASV reply announces
        String expectations = ftpPassiveExchange();
        assertThat(expectations).contains("proto=6", "dst=" + host.hostAddress(), "dport=10000", "ftp");
        // the expectation object: a new connection to EXPECTING_PORT makes the kernel expect one back to 10099
        assertThat(connectAndListExpectations(EXPECTING_PORT, ""))
                .contains("proto=6", "src=" + host.hostAddress(), "dst=" + host.address(), "dport=10099");

        // synproxy changes in place; ct objects cannot, so they are replaced (with the rules' help: see below)
        tf.config(config(120, 1400, "1m"));
        var inPlace = tf.plan().assertExit(2);
        assertThat(inPlace.stdout())
                .contains("nftables_synproxy.www will be updated in-place")
                .doesNotContain("must be replaced");
        tf.apply();
        assertThat(host.nft("list synproxy inet kinds www")).contains("mss 1400");
        tf.plan().assertExit(0);

        // another spelling of the same timeout is no change
        tf.config(config(120, 1400, "60s"));
        tf.plan().assertExit(0);

        // a hand edit is drift, shown with the host's value and restored by apply
        host.nft("add synproxy inet kinds www { mss 1200; wscale 7; timestamp sack-perm; }");
        assertThat(tf.plan().assertExit(2).stdout()).containsPattern("mss += 1200 -> 1400");
        tf.apply();
        tf.plan().assertExit(0);

        // a ct timeout that rules use cannot be replaced: the plan names the rule, nothing changes
        String before = host.nft("list table inet kinds");
        tf.config(config(100, 1400, "60s"));
        var refused = tf.run("plan", "-input=false", "-no-color").assertExit(1);
        assertThat(refused.stderr())
                .contains("Cannot replace ct timeout inet kinds tcp-short")
                .contains("Rules still use it: chain pre");
        assertThat(host.nft("list table inet kinds")).isEqualTo(before);
        // as the error advises: the rule goes first, then the policy changes, then the rule comes back
        tf.config(configWithoutTimeoutRule(120, 1400, "60s"));
        tf.apply();
        tf.config(configWithoutTimeoutRule(100, 1400, "60s"));
        assertThat(tf.plan().assertExit(2).stdout()).contains("nftables_ct_timeout.short must be replaced");
        tf.apply();
        tf.config(config(100, 1400, "60s"));
        tf.apply();
        assertThat(host.nft("list ct timeout inet kinds tcp-short")).contains("established : 100");
        tf.plan().assertExit(0);

        // another configuration takes everything over by import: all imported, only the owner changes, then no drift
        String table = host.address() + "/inet/kinds";
        Terraform fresh = Terraform.in(workDir.resolve("imported"))
                .config(Hcl.takingOver(config(100, 1400, "1m"))
                        + Hcl.imports(Map.of(
                                "nftables_table.t", table,
                                "nftables_chain.pre", table + "/pre",
                                "nftables_chain.out", table + "/out",
                                "nftables_chain.in", table + "/in",
                                "nftables_ct_helper.ftp", table + "/ftp-standard",
                                "nftables_ct_timeout.short", table + "/tcp-short",
                                "nftables_ct_expectation.e1", table + "/e1",
                                "nftables_synproxy.www", table + "/www")));
        fresh.init();
        assertThat(fresh.apply().stdout()).contains("8 imported, 0 added, 1 changed, 0 destroyed");
        fresh.plan().assertExit(0);

        fresh.destroy();
        assertThat(host.nft("list tables")).doesNotContain("kinds");
    }

    @Test
    void aHandWrittenTableWithEveryCtKindAndASynproxyIsImportedWholeWithAnEmptyPlan() throws Exception {
        host.exec("sh", "-c", "printf '%s' '" + HAND_WRITTEN + "' | nft -f -");
        String before = host.exec("nft", "-s", "list", "ruleset");

        Path imports = workDir.resolve("adopt/imports.tf");
        Files.createDirectories(imports.getParent());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new String[] {
                    "import-config",
                    host.address(),
                    "inet/legacy_kinds",
                    "-o",
                    imports.toString(),
                    "--private-key-file",
                    host.privateKeyPath().toString(),
                    "--host-key",
                    host.hostKey()
                },
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                InputStream.nullInputStream(),
                AgentHostChecker::new);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(imports))
                .contains(
                        "to = nftables_ct_helper.inet_legacy_kinds_ftp\n",
                        "to = nftables_ct_timeout.inet_legacy_kinds_udp-short\n",
                        "to = nftables_ct_expectation.inet_legacy_kinds_back\n",
                        "to = nftables_synproxy.inet_legacy_kinds_web\n",
                        "to = nftables_chain.inet_legacy_kinds_out\n");

        Terraform tf = Terraform.in(workDir.resolve("adopt")).config(Hcl.provider(host));
        tf.init();
        tf.run("plan", "-input=false", "-generate-config-out=generated.tf").assertExit(0);
        String generated = Files.readString(workDir.resolve("adopt/generated.tf"));
        assertThat(generated)
                .contains("resource \"nftables_ct_timeout\" \"inet_legacy_kinds_udp-short\"")
                .doesNotContain("canonical");
        // the one change is the table's adoption (`managed` false -> true): importing only reads, apply adopts
        assertThat(tf.apply().stdout()).contains("7 imported, 0 added, 1 changed, 0 destroyed");
        tf.plan().assertExit(0);
        assertThat(host.exec("nft", "-s", "list", "ruleset")).isEqualTo(before);
        // generated configuration names objects in rules by text, which orders no destroy: remove it by hand
        host.nft("delete table inet legacy_kinds");
    }

    @Test
    void aKernelWithoutFlowtablesOrSelinuxFailsThePlanNamingWhatIsMissingAndTheHostKeepsItsRuleset() {
        Terraform tf =
                Terraform.in(workDir.resolve("base")).config(Hcl.provider(host) + Hcl.table("t", "inet", "kinds"));
        tf.init();
        tf.apply();
        String before = host.nft("list ruleset");

        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "kinds") + """
                resource "nftables_flowtable" "ft" {
                  table_id = nftables_table.t.id
                  name     = "ft"
                  devices  = ["%s"]
                  flags    = ["counter"]
                }
                resource "nftables_secmark" "ssh" {
                  table_id = nftables_table.t.id
                  name     = "ssh_server"
                  context  = "system_u:object_r:ssh_server_packet_t:s0"
                }
                """.formatted("lo"));
        var plan = tf.run("plan", "-input=false", "-no-color").assertExit(1);
        assertThat(plan.stderr())
                .contains("The host refuses flowtable inet kinds ft")
                .contains("No such file or directory")
                .contains("CONFIG_NF_FLOW_TABLE")
                .contains("The host refuses secmark inet kinds ssh_server")
                .contains("SELinux");
        assertThat(host.nft("list ruleset")).isEqualTo(before);

        tf.config(Hcl.provider(host) + Hcl.table("t", "inet", "kinds"));
        tf.destroy();
        assertThat(host.nft("list tables")).doesNotContain("kinds");
    }

    /**
     * From the sandbox, opens an FTP control connection to a server on this machine that answers PASV; returns the
     * sandbox's expectation table while the connection is still open.
     */
    private static String ftpPassiveExchange() throws Exception {
        String[] octets = host.hostAddress().split("\\.");
        String output = connectAndListExpectations(
                FTP_PORT, "227 Entering Passive Mode (" + String.join(",", octets) + ",39,16).");
        assertThat(output).contains("227 Entering Passive Mode");
        return output;
    }

    /**
     * From the sandbox, connects to a server on this machine at {@code port} that greets, reads one line and answers
     * {@code reply}; returns what the client read and the sandbox's expectation table while the connection is open.
     */
    private static String connectAndListExpectations(int port, String reply) throws Exception {
        InetAddress address = InetAddress.getByName(host.hostAddress());
        try (ServerSocket server = new ServerSocket(port, 1, address)) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket control = server.accept()) {
                    OutputStream out = control.getOutputStream();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(control.getInputStream(), StandardCharsets.US_ASCII));
                    out.write("220 nftkeeper test\r\n".getBytes(StandardCharsets.US_ASCII));
                    in.readLine();
                    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readLine();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String client = "exec 3<>/dev/tcp/" + host.hostAddress() + "/" + port + "; read -t 5 l <&3; "
                    + "printf 'PASV\\r\\n' >&3; read -t 5 l <&3; echo \"$l\"; cat /proc/net/nf_conntrack_expect; "
                    + "printf 'QUIT\\r\\n' >&3; exec 3<&-";
            String output = host.exec("bash", "-c", client);
            served.get(10, TimeUnit.SECONDS);
            return output;
        }
    }

    private static String configWithoutTimeoutRule(int established, int mss, String timeout) {
        return config(established, mss, timeout).replace("""
                  rule {
                    expr = "ct timeout set \\"${nftables_ct_timeout.short.name}\\""
                  }
                """, "");
    }

    private static String config(int established, int mss, String timeout) {
        return Hcl.provider(host)
                + Hcl.table("t", "inet", "kinds")
                + """
                resource "nftables_ct_helper" "ftp" {
                  table_id = nftables_table.t.id
                  name     = "ftp-standard"
                  type     = "ftp"
                  protocol = "tcp"
                  l3proto  = "inet"
                }
                resource "nftables_ct_timeout" "short" {
                  table_id = nftables_table.t.id
                  name     = "tcp-short"
                  protocol = "tcp"
                  l3proto  = "ip"
                  policy   = { established = %d }
                }
                resource "nftables_ct_expectation" "e1" {
                  table_id = nftables_table.t.id
                  name     = "e1"
                  protocol = "tcp"
                  dport    = 10099
                  timeout  = "%s"
                  size     = 3
                  l3proto  = "ip"
                }
                resource "nftables_synproxy" "www" {
                  table_id  = nftables_table.t.id
                  name      = "www"
                  mss       = %d
                  wscale    = 7
                  timestamp = true
                  sack_perm = true
                }
                resource "nftables_chain" "pre" {
                  table_id = nftables_table.t.id
                  name     = "pre"
                  type     = "filter"
                  hook     = "prerouting"
                  priority = "0"
                  rule {
                    expr = "ct timeout set \\"${nftables_ct_timeout.short.name}\\""
                  }
                }
                resource "nftables_chain" "out" {
                  table_id = nftables_table.t.id
                  name     = "out"
                  type     = "filter"
                  hook     = "output"
                  priority = "0"
                  rule {
                    expr = "tcp dport %d ct helper set \\"${nftables_ct_helper.ftp.name}\\""
                  }
                  rule {
                    expr = "tcp dport %d ct state new ct expectation set \\"${nftables_ct_expectation.e1.name}\\""
                  }
                }
                resource "nftables_chain" "in" {
                  table_id = nftables_table.t.id
                  name     = "in"
                  type     = "filter"
                  hook     = "input"
                  priority = "0"
                  rule {
                    expr = "tcp dport 8080 ct state invalid,untracked synproxy name \\"${nftables_synproxy.www.name}\\""
                  }
                }
                """.formatted(established, timeout, mss, FTP_PORT, EXPECTING_PORT);
    }
}
