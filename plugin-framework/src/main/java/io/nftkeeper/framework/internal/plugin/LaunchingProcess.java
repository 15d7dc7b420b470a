package io.nftkeeper.framework.internal.plugin;

import io.nftkeeper.framework.server.PluginEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Linux's /proc says about the processes a resident plugin server deals with: who is on the other end of a
 * loopback connection, and the environment and working directory Terraform gave the launcher that connected.
 */
final class LaunchingProcess {
    private static final Path PROC = Path.of("/proc");

    private LaunchingProcess() {}

    /** This process's user ID. */
    static int ownUid() throws IOException {
        return uidOf(PROC.resolve("self"));
    }

    /**
     * The user ID owning the loopback socket with local port {@code port} connected to 127.0.0.1:{@code remotePort},
     * from /proc/net/tcp and tcp6, which list every TCP socket of this network namespace with its owner. (A client
     * may connect from an IPv6 socket, listed with an IPv4-mapped address.)
     */
    static Optional<Integer> uidOfLoopbackSocket(int port, int remotePort) throws IOException {
        Optional<Integer> ipv4 = uidIn("net/tcp", "0100007F", port, remotePort);
        return ipv4.isPresent() ? ipv4 : uidIn("net/tcp6", "0000000000000000FFFF00000100007F", port, remotePort);
    }

    private static Optional<Integer> uidIn(String table, String loopback, int port, int remotePort) throws IOException {
        String local = loopback + ":" + hex(port);
        String remote = loopback + ":" + hex(remotePort);
        List<String> lines = Files.readAllLines(PROC.resolve(table), StandardCharsets.US_ASCII);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 7 && fields[1].equals(local) && fields[2].equals(remote)) {
                return Optional.of(Integer.parseInt(fields[7]));
            }
        }
        return Optional.empty();
    }

    /** The environment and working directory of process {@code pid}, which must belong to {@code uid}. */
    static PluginEnvironment environmentOf(long pid, int uid) throws IOException {
        Path process = PROC.resolve(Long.toString(pid));
        if (uidOf(process) != uid) {
            throw new IOException("process " + pid + " belongs to another user");
        }
        Map<String, String> variables = new HashMap<>();
        String environ = new String(Files.readAllBytes(process.resolve("environ")), StandardCharsets.UTF_8);
        for (String entry : environ.split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                variables.putIfAbsent(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return new PluginEnvironment(variables, process.resolve("cwd").toRealPath(), true);
    }

    private static int uidOf(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid");
    }

    private static String hex(int port) {
        return String.format("%04X", port);
    }
}
