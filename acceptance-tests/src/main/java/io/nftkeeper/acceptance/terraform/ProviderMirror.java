package io.nftkeeper.acceptance.terraform;

import io.nftkeeper.acceptance.sandbox.CommandRun;
import io.nftkeeper.acceptance.sandbox.FileTrees;
import io.nftkeeper.acceptance.sandbox.SandboxHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provider jar of this build, installed once into a filesystem mirror that every test JVM of the run shares,
 * and the Terraform CLI config that points at it (and at nothing on the network).
 */
public final class ProviderMirror {
    private static Path cliConfig;

    private ProviderMirror() {}

    public static synchronized Path cliConfig() {
        if (cliConfig == null) {
            cliConfig = install();
        }
        return cliConfig;
    }

    /** The repository root, found the same way the sandbox hosts find their script. */
    public static Path repository() {
        return SandboxHost.script().getParent().getParent();
    }

    /** The installed plugin executable, for tests that start the provider without terraform. */
    public static Path pluginExecutable() {
        Path root = mirrorDir().resolve("registry.terraform.io/nftkeeper/nftables");
        cliConfig();
        try (var versions = Files.list(root)) {
            Path versionDir = versions.findFirst().orElseThrow().resolve("linux_amd64");
            try (var files = Files.list(versionDir)) {
                return files.filter(f -> f.getFileName().toString().startsWith("terraform-provider-nftables_v"))
                        .findFirst()
                        .orElseThrow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path mirrorDir() {
        return buildDir().resolve("mirror");
    }

    /**
     * Where this build's provider is installed: one directory per provider jar (by its sha256), shared by every
     * test JVM of a run and by later runs of the same build, since making the class archive costs a minute on a
     * loaded 2-core machine.
     */
    private static Path buildDir() {
        return Path.of(
                System.getProperty("java.io.tmpdir"), PREFIX + jarDigest().substring(0, 16));
    }

    private static final String PREFIX = "nftkeeper-acceptance-";
    private static final Duration UNUSED_FOR = Duration.ofHours(6);

    private static Path install() {
        Path dir = buildDir();
        Path done = dir.resolve("installed");
        Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
        try (FileChannel lockChannel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // held until the channel closes: the other test JVMs wait here while one installs
            lockChannel.lock();
            if (!Files.exists(done)) {
                FileTrees.delete(dir);
                Files.createDirectories(dir);
                CommandRun run = CommandRun.of(
                        Duration.ofMinutes(5),
                        List.of(
                                repository().resolve("scripts/install-provider").toString(),
                                mirrorDir().toString()));
                if (!run.succeeded()) {
                    throw new IllegalStateException("scripts/install-provider failed:\n" + run.stdout() + run.stderr());
                }
                writeCliConfig(
                        dir.resolve("terraform.rc"),
                        "filesystem_mirror",
                        "path",
                        mirrorDir().toString());
                Files.createFile(done);
                removeUnusedInstalls(dir);
            }
            Files.setLastModifiedTime(dir, FileTime.from(Instant.now()));
            return dir.resolve("terraform.rc");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the provider into " + dir, e);
        }
    }

    /** The installs of other builds nobody used for {@link #UNUSED_FOR} (each is about 110 MB). */
    private static void removeUnusedInstalls(Path keep) throws IOException {
        Instant cutoff = Instant.now().minus(UNUSED_FOR);
        try (Stream<Path> entries = Files.list(keep.getParent())) {
            for (Path other : entries.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> !p.getFileName()
                            .toString()
                            .startsWith(keep.getFileName().toString()))
                    .toList()) {
                if (Files.getLastModifiedTime(other).toInstant().isBefore(cutoff)) {
                    FileTrees.delete(other);
                }
            }
        }
    }

    /** The sha256 of the provider jar scripts/install-provider installs (the same choice of file). */
    private static String jarDigest() {
        Path target = repository().resolve("provider/target");
        try (Stream<Path> jars = Files.list(target)) {
            Path jar = jars.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("provider-")
                                && name.endsWith(".jar")
                                && !name.contains("-sources")
                                && !name.contains("-tests");
                    })
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no provider jar in " + target + ": build first (mvn -B -DskipTests package)"));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(jar)) {
                in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a Terraform CLI config to {@code file} that installs {@code registry.terraform.io/nftkeeper/*} only by
     * {@code method} ({@code filesystem_mirror} with a {@code path}, {@code network_mirror} with a {@code url}) and
     * never from the registry.
     */
    public static Path writeCliConfig(Path file, String method, String setting, String value) {
        try {
            Files.writeString(file, """
                    provider_installation {
                      %s {
                        %s = "%s"
                        include = ["registry.terraform.io/nftkeeper/*"]
                      }
                      direct {
                        exclude = ["registry.terraform.io/nftkeeper/*"]
                      }
                    }
                    """.formatted(method, setting, value));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
