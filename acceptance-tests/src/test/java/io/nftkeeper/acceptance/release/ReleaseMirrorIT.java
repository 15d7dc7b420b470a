package io.nftkeeper.acceptance.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import io.nftkeeper.acceptance.terraform.ProviderMirror;
import io.nftkeeper.acceptance.terraform.Terraform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release as a user gets it: scripts/release signs it with a throwaway GPG key, a static HTTPS server over
 * dist/ (test CA made by openssl, trusted by terraform through SSL_CERT_FILE) is the network mirror, and terraform
 * runs with a scrubbed environment (no java on PATH, no JAVA_HOME): init installs the provider from the mirror,
 * checking its checksum, and the quickstart applies and destroys against a sandbox host on the bundled runtime.
 */
class ReleaseMirrorIT {
    private static final String VERSION = System.getProperty("nftkeeper.version", "");
    private static final String PLATFORM = "linux_amd64";
    private static final String PROVIDER_ZIP = "terraform-provider-nftables_" + VERSION + "_" + PLATFORM + ".zip";
    private static final String CLI_TARBALL = "nftkeeper_" + VERSION + "_" + PLATFORM + ".tar.gz";
    private static final String MIRROR_DIR = "registry.terraform.io/nftkeeper/nftables/";
    private static final char[] KEYSTORE_PASSWORD = "mirror-test".toCharArray();
    private static final Duration RELEASE_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(1);

    private static Path work;
    private static Path dist;
    private static Map<String, String> gpgEnvironment;
    private static HttpsFileServer mirror;
    private static SandboxHost host;

    @BeforeAll
    static void releaseAndServe() throws IOException {
        assertThat(VERSION)
                .as("system property nftkeeper.version (the Maven project version)")
                .isNotBlank();
        work = Files.createTempDirectory("nk-rel-");
        Path gnupg = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(
                gnupg,
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        gpgEnvironment = Map.of("GNUPGHOME", gnupg.toString());
        run(
                gpgEnvironment,
                "gpg",
                "--batch",
                "--passphrase",
                "",
                "--quick-gen-key",
                "nftkeeper release test <release-test@nftkeeper.invalid>",
                "default",
                "default",
                "never");

        dist = work.resolve("dist");
        run(
                RELEASE_TIMEOUT,
                gpgEnvironment,
                ProviderMirror.repository().resolve("scripts/release").toString(),
                "--skip-build",
                "--output",
                dist.toString(),
                "--signing-key",
                "release-test@nftkeeper.invalid",
                VERSION);

        mirror = HttpsFileServer.start(dist, serverKeyStore(), KEYSTORE_PASSWORD);
        host = SandboxHost.up("rel-mirror");
    }

    @AfterAll
    static void cleanUp() {
        if (host != null) {
            host.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        if (gpgEnvironment != null) {
            CommandRun.of(TOOL_TIMEOUT, gpgEnvironment, List.of("gpgconf", "--kill", "gpg-agent"));
        }
        if (work != null) {
            CommandRun.of(TOOL_TIMEOUT, List.of("rm", "-rf", work.toString()));
        }
    }

    @Test
    void checksumsAreSignedAndTheMirrorNamesTheZipBySha256() throws IOException {
        CommandRun verify = run(
                gpgEnvironment,
                "gpg",
                "--batch",
                "--verify",
                dist.resolve("SHA256SUMS.sig").toString(),
                dist.resolve("SHA256SUMS").toString());
        assertThat(verify.stderr()).contains("Good signature from \"nftkeeper release test");

        assertThat(Files.readAllLines(dist.resolve("SHA256SUMS")))
                .containsExactlyInAnyOrder(
                        sha256(dist.resolve(PROVIDER_ZIP)) + "  " + PROVIDER_ZIP,
                        sha256(dist.resolve(CLI_TARBALL)) + "  " + CLI_TARBALL);
        assertThat(Files.readString(dist.resolve(MIRROR_DIR + "index.json")))
                .isEqualToIgnoringWhitespace("{\"versions\":{\"" + VERSION + "\":{}}}");
        assertThat(Files.readString(dist.resolve(MIRROR_DIR + VERSION + ".json")))
                .isEqualToIgnoringWhitespace("{\"archives\":{\"" + PLATFORM + "\":{\"url\":\"../../../" + PROVIDER_ZIP
                        + "\",\"hashes\":[\"zh:" + sha256(dist.resolve(PROVIDER_ZIP)) + "\"]}}}");

        // a signature over other bytes does not verify
        Path tampered = work.resolve("SHA256SUMS.tampered");
        String sums = Files.readString(dist.resolve("SHA256SUMS"));
        // another first hex digit: the digest may well begin with the one a fixed replacement would write
        Files.writeString(tampered, (sums.charAt(0) == '0' ? "1" : "0") + sums.substring(1));
        CommandRun bad = CommandRun.of(
                TOOL_TIMEOUT,
                gpgEnvironment,
                List.of(
                        "gpg",
                        "--batch",
                        "--verify",
                        dist.resolve("SHA256SUMS.sig").toString(),
                        tampered.toString()));
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.stderr()).contains("BAD signature");
    }

    @Test
    void terraformInstallsFromTheHttpsMirrorAndAppliesTheQuickstartWithoutJava() throws IOException {
        Path dir = work.resolve("quickstart");
        Terraform terraform = Terraform.isolated(dir, javaFreeEnvironment(mirror, "quickstart"));
        assertThat(CommandRun.isolated(
                                TOOL_TIMEOUT,
                                javaFreeEnvironment(mirror, "probe"),
                                List.of("/bin/sh", "-c", "command -v java"))
                        .exitCode())
                .as("java must not be found in the environment terraform runs in")
                .isNotZero();
        copyQuickstart(dir);
        Files.writeString(dir.resolve("terraform.tfvars"), """
                host             = "%s"
                private_key_file = "%s"
                host_key         = "%s"
                ssh_allowed      = ["%s"]
                """.formatted(
                        host.address(), host.privateKeyPath(), host.hostKey(), host.hostAddress()));

        String init = terraform.init().output();
        assertThat(init).contains("Installed nftkeeper/nftables v" + VERSION + " (verified checksum)");
        // the same hash `providers lock` records from the zip: a lock file made ahead accepts what init unpacks
        assertThat(Files.readString(dir.resolve(".terraform.lock.hcl")))
                .contains("\"" + packageHashV1(dist.resolve(PROVIDER_ZIP)) + "\"");
        assertThat(mirror.requested())
                .contains("/" + MIRROR_DIR + "index.json", "/" + MIRROR_DIR + VERSION + ".json", "/" + PROVIDER_ZIP);
        assertThat(terraform.run("version").output())
                .contains("provider registry.terraform.io/nftkeeper/nftables v" + VERSION);

        terraform.apply();
        assertThat(host.nft("list tables")).contains("table inet quickstart");
        // the provider logs its version at start, and ran on the runtime inside the package terraform unpacked
        String log = Files.readString(dir.resolve("terraform.log"));
        assertThat(log)
                .contains("registry.terraform.io/nftkeeper/nftables " + VERSION + " serving, Java ")
                .contains(" from "
                        + dir.resolve(".terraform/providers/" + MIRROR_DIR + VERSION + "/" + PLATFORM + "/runtime"));

        assertThat(terraform.plan().exitCode())
                .as("plan right after apply is empty")
                .isZero();
        terraform.destroy();
        assertThat(host.nft("list tables")).doesNotContain("quickstart");
    }

    @Test
    void lockRecordsTheMirrorsChecksumForAmd64AndArm64IsNotInTheRelease() throws IOException {
        Path dir = work.resolve("lock");
        Terraform terraform = Terraform.isolated(dir, javaFreeEnvironment(mirror, "lock"));
        terraform.config("""
                terraform {
                  required_providers {
                    nftables = { source = "nftkeeper/nftables", version = "%s" }
                  }
                }
                """.formatted(VERSION));

        // `providers lock` ignores the CLI config's provider_installation: the mirror is named on its command line
        String netMirror = "-net-mirror=" + mirror.baseUri();
        terraform.run("providers", "lock", netMirror, "-platform=" + PLATFORM).assertExit(0);
        // from a mirror Terraform records only its own hash of the package (the mirror's zh: is not signed)
        assertThat(Files.readString(dir.resolve(".terraform.lock.hcl")))
                .contains("version     = \"" + VERSION + "\"")
                .contains("\"" + packageHashV1(dist.resolve(PROVIDER_ZIP)) + "\"");

        // only linux_amd64 is released (no arm64 jmods where the release is built): the lock says so and fails
        Terraform.Result arm64 = terraform.run("providers", "lock", netMirror, "-platform=linux_arm64");
        assertThat(arm64.exitCode()).isEqualTo(1);
        String message = arm64.output()
                .replaceAll("\u001B\\[[0-9;]*m", "")
                .replace("│", " ")
                .replaceAll("\\s+", " ");
        assertThat(message)
                .contains("provider mirror " + mirror.baseUri() + " does not have a package of "
                        + "registry.terraform.io/nftkeeper/nftables " + VERSION + " for linux_arm64");
    }

    @Test
    void aMirrorThatServesOtherBytesThanItsChecksumSaysIsRefused() throws IOException {
        Path forged = Files.createDirectories(work.resolve("forged/" + MIRROR_DIR));
        Files.copy(dist.resolve(MIRROR_DIR + "index.json"), forged.resolve("index.json"));
        Files.writeString(
                forged.resolve(VERSION + ".json"),
                Files.readString(dist.resolve(MIRROR_DIR + VERSION + ".json"))
                        .replace(sha256(dist.resolve(PROVIDER_ZIP)), "0".repeat(64)));
        Files.createSymbolicLink(work.resolve("forged/" + PROVIDER_ZIP), dist.resolve(PROVIDER_ZIP));
        try (HttpsFileServer forgedMirror =
                HttpsFileServer.start(work.resolve("forged"), serverKeyStore(), KEYSTORE_PASSWORD)) {
            Path dir = work.resolve("forged-init");
            Terraform terraform = Terraform.isolated(dir, javaFreeEnvironment(forgedMirror, "forged-init"));
            copyQuickstart(dir);

            Terraform.Result init = terraform.run("init", "-input=false");
            assertThat(init.exitCode()).isEqualTo(1);
            assertThat(init.output()).contains("checksum");
            assertThat(dir.resolve(".terraform/providers/" + MIRROR_DIR + VERSION))
                    .doesNotExist();
        }
    }

    @Test
    void cliTarballRunsOnItsOwnRuntime() {
        Path unpacked = work.resolve("cli");
        run(Map.of(), "mkdir", "-p", unpacked.toString());
        run(Map.of(), "tar", "-xzf", dist.resolve(CLI_TARBALL).toString(), "-C", unpacked.toString());
        Path launcher = unpacked.resolve("nftkeeper-" + VERSION + "/bin/nftkeeper");

        CommandRun version = CommandRun.isolated(
                TOOL_TIMEOUT, javaFreeEnvironment(mirror, "cli"), List.of(launcher.toString(), "--version"));
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).contains(VERSION);
    }

    /**
     * What terraform sees: a PATH holding only the two tools the provider's launcher calls (so no java), no
     * JAVA_HOME, a CLI config whose only source for nftkeeper/* is the HTTPS mirror, and the test CA as the only
     * one trusted. Provider logs (INFO) go to terraform.log in the working directory.
     */
    private static Map<String, String> javaFreeEnvironment(HttpsFileServer server, String name) {
        try {
            Path home = Files.createDirectories(work.resolve("home-" + name));
            Path bin = Files.createDirectories(home.resolve("bin"));
            for (String tool : List.of("dirname", "readlink")) {
                Path link = bin.resolve(tool);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, Path.of("/usr/bin", tool));
                }
            }
            Path config = ProviderMirror.writeCliConfig(
                    home.resolve("terraform.rc"),
                    "network_mirror",
                    "url",
                    server.baseUri().toString());
            Map<String, String> environment = new HashMap<>();
            environment.put("PATH", bin.toString());
            environment.put("HOME", home.toString());
            environment.put("TF_CLI_CONFIG_FILE", config.toString());
            environment.put("SSL_CERT_FILE", work.resolve("tls/ca.pem").toString());
            environment.put("TF_LOG_PROVIDER", "INFO");
            environment.put(
                    "TF_LOG_PATH", work.resolve(name).resolve("terraform.log").toString());
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test CA and a server certificate for 127.0.0.1 signed by it (openssl), as PKCS#12 for the server. */
    private static synchronized Path serverKeyStore() throws IOException {
        Path tls = work.resolve("tls");
        Path keyStore = tls.resolve("server.p12");
        if (Files.exists(keyStore)) {
            return keyStore;
        }
        Files.createDirectories(tls);
        Files.writeString(
                tls.resolve("server.ext"),
                "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        String dir = tls.toString();
        run(
                Map.of(),
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                dir + "/ca.key",
                "-out",
                dir + "/ca.pem",
                "-days",
                "1",
                "-subj",
                "/CN=nftkeeper test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        run(
                Map.of(),
                "openssl",
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                dir + "/server.key",
                "-out",
                dir + "/server.csr",
                "-subj",
                "/CN=127.0.0.1");
        run(
                Map.of(),
                "openssl",
                "x509",
                "-req",
                "-in",
                dir + "/server.csr",
                "-CA",
                dir + "/ca.pem",
                "-CAkey",
                dir + "/ca.key",
                "-CAcreateserial",
                "-days",
                "1",
                "-extfile",
                dir + "/server.ext",
                "-out",
                dir + "/server.pem");
        run(
                Map.of(),
                "openssl",
                "pkcs12",
                "-export",
                "-inkey",
                dir + "/server.key",
                "-in",
                dir + "/server.pem",
                "-certfile",
                dir + "/ca.pem",
                "-passout",
                "pass:" + new String(KEYSTORE_PASSWORD),
                "-out",
                keyStore.toString());
        return keyStore;
    }

    private static CommandRun run(Map<String, String> environment, String... command) {
        return run(TOOL_TIMEOUT, environment, command);
    }

    private static CommandRun run(Duration timeout, Map<String, String> environment, String... command) {
        CommandRun run = CommandRun.of(timeout, environment, new ArrayList<>(List.of(command)));
        assertThat(run.exitCode())
                .as(String.join(" ", command) + "\n" + run.stdout() + run.stderr())
                .isZero();
        return run;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = sha256Digest();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Terraform's {@code h1:} hash of a provider zip (Go's dirhash Hash1): SHA-256 over one line
     * "hex(sha256(content))  name" per entry, entries sorted by name, base64.
     */
    private static String packageHashV1(Path zip) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(Collections.list(archive.entries()));
            entries.sort(Comparator.comparing(ZipEntry::getName));
            MessageDigest summary = sha256Digest();
            for (ZipEntry entry : entries) {
                try (InputStream in = archive.getInputStream(entry)) {
                    summary.update((sha256(in) + "  " + entry.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return "h1:" + Base64.getEncoder().encodeToString(summary.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every {@code .tf} file of examples/quickstart: its {@code required_providers} (versions.tf) is what points
     * terraform at nftkeeper/nftables; without it terraform would look up hashicorp/nftables on the public registry.
     */
    private static void copyQuickstart(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(ProviderMirror.repository().resolve("examples/quickstart"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".tf"))
                    .toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        assertThat(Files.readString(dir.resolve("versions.tf"))).contains("nftkeeper/nftables");
    }
}
