package io.nftkeeper.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link AgentBootstrap}'s probe found on a host, one {@code name:value} line each: {@code java:<absolute path>}
 * of the java chosen to run the agent (empty: no java), {@code sha256:<hex of the installed jar>} (empty: none),
 * {@code archive:yes|failed|no}, only when the jar or the archive must be made again and the chosen java is the
 * host's, {@code version:<first line of java -version>}; where the bundled runtime was considered,
 * {@code runtime:yes|no} (unpacked and intact, or not) and, with {@code agent_runtime = "auto"}, {@code system:<the
 * version line of the host's java>} (empty: no java); and {@code sockets:<directory>} where resident agents listen
 * ({@code NFTKEEPER_RUNTIME_DIR} as the SSH user's commands see it, e.g. from sshd's {@code SetEnv}, else
 * {@value AgentCommand#DEFAULT_SOCKET_DIRECTORY}).
 */
record BootstrapProbe(
        String java,
        String sha256,
        Archive archive,
        Optional<String> versionLine,
        boolean runtimeReady,
        Optional<String> systemVersionLine,
        String socketDirectory) {

    /** The state of the class-data-sharing archive next to the jar. */
    enum Archive {
        /** Made by this java from this jar. */
        READY,
        /** Making it failed with this java and this jar (an empty file marks that): not tried again. */
        FAILED,
        /** Missing, or older than the jar or the java binary. */
        MISSING
    }

    static BootstrapProbe parse(String stdout) {
        Map<String, String> fields = new LinkedHashMap<>();
        stdout.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(
                        line.substring(0, colon), line.substring(colon + 1).strip());
            }
        });
        Archive archive = switch (fields.getOrDefault("archive", "")) {
            case "yes" -> Archive.READY;
            case "failed" -> Archive.FAILED;
            default -> Archive.MISSING;
        };
        String sockets = fields.getOrDefault("sockets", "");
        return new BootstrapProbe(
                fields.getOrDefault("java", ""),
                fields.getOrDefault("sha256", ""),
                archive,
                Optional.ofNullable(fields.get("version")),
                "yes".equals(fields.get("runtime")),
                Optional.ofNullable(fields.get("system")),
                sockets.startsWith("/") ? sockets : AgentCommand.DEFAULT_SOCKET_DIRECTORY);
    }
}
