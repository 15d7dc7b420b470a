package io.nftkeeper.cli.drift.input;

import io.nftkeeper.cli.CliException;
import io.nftkeeper.cli.Durations;
import io.nftkeeper.cli.host.SshOptions;
import io.nftkeeper.protocol.TableRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A drift job written in YAML: defaults for SSH, optional parallelism and timeout, and the hosts with the tables to
 * check on each (none listed: every table the host's agent manages). Unknown keys are errors, so a typo never
 * silently drops a setting.
 *
 * <pre>
 * parallelism: 16
 * timeout: 60s
 * ssh: {user: root, private_key_file: /etc/nftkeeper/id_ed25519, known_hosts_file: /etc/nftkeeper/known_hosts}
 * hosts:
 *   - host: 10.0.0.1
 *     tables: [inet/web]
 *   - host: 10.0.0.2
 *     host_key: "ssh-ed25519 AAAA..."
 * </pre>
 */
public record JobFile(Optional<Integer> parallelism, Optional<Duration> timeout, SshOptions ssh, List<Entry> hosts) {

    /** One host of the job with its own SSH settings (gaps filled from the job's {@code ssh}) and tables. */
    public record Entry(String host, SshOptions ssh, List<TableRef> tables) {}

    private static final Set<String> TOP_KEYS = Set.of("parallelism", "timeout", "ssh", "hosts");
    private static final Set<String> SSH_KEYS =
            Set.of("user", "port", "private_key_file", "host_key", "known_hosts_file", "agent_dir", "agent_runtime");
    private static final Set<String> HOST_KEYS = union(SSH_KEYS, Set.of("host", "tables"));

    public static JobFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CliException("cannot read the job file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Relative key and known_hosts paths are resolved against {@code baseDirectory} (the job file's). */
    static JobFile parse(String text, String source, Path baseDirectory) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new CliException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<?, ?> top = map(document, source, TOP_KEYS);
        Optional<Integer> parallelism =
                Optional.ofNullable(top.get("parallelism")).map(value -> positiveInt(value, source + ": parallelism"));
        Optional<Duration> timeout =
                Optional.ofNullable(top.get("timeout")).map(value -> duration(value, source + ": timeout"));
        SshOptions defaults = top.containsKey("ssh")
                ? ssh(map(top.get("ssh"), source + ": ssh", SSH_KEYS), source + ": ssh", baseDirectory)
                : SshOptions.none();
        Object hostList = top.get("hosts");
        if (!(hostList instanceof List<?> entries) || entries.isEmpty()) {
            throw new CliException(source + ": hosts must be a non-empty list");
        }
        List<Entry> hosts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entry(entries.get(i), source + ": hosts[" + i + "]", baseDirectory);
            if (!seen.add(entry.host())) {
                throw new CliException(source + ": host " + entry.host() + " is listed twice");
            }
            hosts.add(new Entry(entry.host(), entry.ssh().orElse(defaults), entry.tables()));
        }
        return new JobFile(parallelism, timeout, defaults, List.copyOf(hosts));
    }

    private static Entry entry(Object value, String where, Path baseDirectory) {
        if (value instanceof String host) {
            return new Entry(requireHost(host, where), SshOptions.none(), List.of());
        }
        Map<?, ?> fields = map(value, where, HOST_KEYS);
        String host = requireHost(text(fields.get("host"), where + ".host"), where);
        List<TableRef> tables = new ArrayList<>();
        Object tableList = fields.get("tables");
        if (tableList != null) {
            if (!(tableList instanceof List<?> items)) {
                throw new CliException(where + ".tables must be a list of family/name, e.g. [inet/web]");
            }
            for (Object item : items) {
                tables.add(TableRefs.parse(text(item, where + ".tables"), where + ".tables"));
            }
        }
        return new Entry(host, ssh(fields, where, baseDirectory), List.copyOf(tables));
    }

    private static SshOptions ssh(Map<?, ?> fields, String where, Path baseDirectory) {
        return new SshOptions(
                optionalText(fields.get("user"), where + ".user"),
                fields.get("port") == null ? null : positiveInt(fields.get("port"), where + ".port"),
                optionalPath(fields.get("private_key_file"), where + ".private_key_file", baseDirectory),
                optionalText(fields.get("host_key"), where + ".host_key"),
                optionalPath(fields.get("known_hosts_file"), where + ".known_hosts_file", baseDirectory),
                optionalText(fields.get("agent_dir"), where + ".agent_dir"),
                optionalText(fields.get("agent_runtime"), where + ".agent_runtime"),
                null);
    }

    private static Map<?, ?> map(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> fields)) {
            throw new CliException(where + " must be a mapping");
        }
        for (Object key : fields.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new CliException(where + ": unknown key '" + key + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
        return fields;
    }

    private static String requireHost(String host, String where) {
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new CliException(where + ": '" + host + "' is not a host name or address");
        }
        return host;
    }

    private static String text(Object value, String where) {
        if (!(value instanceof String || value instanceof Number)
                || String.valueOf(value).isBlank()) {
            throw new CliException(where + " must be a non-empty string");
        }
        return String.valueOf(value);
    }

    private static String optionalText(Object value, String where) {
        return value == null ? null : text(value, where);
    }

    private static Path optionalPath(Object value, String where, Path baseDirectory) {
        return value == null ? null : baseDirectory.resolve(text(value, where));
    }

    private static int positiveInt(Object value, String where) {
        if (!(value instanceof Integer number) || number < 1) {
            throw new CliException(where + " must be a positive whole number, not '" + value + "'");
        }
        return number;
    }

    private static Duration duration(Object value, String where) {
        try {
            return Durations.parse(String.valueOf(value));
        } catch (CliException e) {
            throw new CliException(where + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
