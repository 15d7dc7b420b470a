package io.nftkeeper.provider;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.provider.ConfigureRequest;
import io.nftkeeper.framework.provider.ConfigureResponse;
import io.nftkeeper.framework.provider.Provider;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.provider.resources.TableResource;
import io.nftkeeper.provider.transport.AgentConnections;
import io.nftkeeper.provider.transport.Secret;
import io.nftkeeper.provider.transport.SshTarget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/** The {@code nftables} provider: how to reach a host over SSH, and the resources that manage its firewall. */
public final class NftablesProvider implements Provider {
    static final int DEFAULT_SSH_PORT = 22;
    static final String DEFAULT_USER = "root";

    /** One pool per provider process: every resource of a run shares one SSH session and agent per host. */
    private final AgentConnections connections = new AgentConnections();

    public NftablesProvider() {
        Runtime.getRuntime().addShutdownHook(new Thread(connections::close, "close-agent-connections"));
    }

    @Override
    public String typeName() {
        return "nftables";
    }

    @Override
    public String version() {
        return Version.CURRENT;
    }

    @Override
    public Schema schema() {
        return Schema.builder()
                .description("Manages nftables firewalls on Linux hosts over SSH. The provider starts a small agent "
                        + "on the host (uploaded when missing) that applies each change as one atomic nftables "
                        + "transaction and only touches tables created or imported through nftkeeper.")
                .attributes(
                        Attribute.string("host").required()
                                .description("Address or DNS name of the host to manage."),
                        Attribute.string("private_key").required().sensitive()
                                .description("SSH private key (OpenSSH or PEM text), e.g. `file(\"~/.ssh/id_ed25519\")`. "
                                        + "Never stored in state."),
                        Attribute.number("port").optional()
                                .validators(Validators.between(1, 65535))
                                .description("SSH port. Defaults to `22`."),
                        Attribute.string("user").optional()
                                .description("SSH user. Defaults to `root`; the agent needs the rights to change nftables."),
                        Attribute.string("host_key").optional()
                                .description("The host's public SSH host key (`ssh-ed25519 AAAA...`) or its fingerprint "
                                        + "(`SHA256:...`). Either this or `known_hosts_file` is required: host keys are "
                                        + "always verified."),
                        Attribute.string("known_hosts_file").optional()
                                .description("Path of a known_hosts file that lists the host's key."))
                .build();
    }

    @Override
    public void configure(ConfigureRequest req, ConfigureResponse resp) {
        Value config = req.config();
        if (!config.isWhollyKnown()) {
            // Values from other resources are only known at apply; the configure call that follows will have them.
            return;
        }
        Optional<String> hostKey = optionalString(config, "host_key");
        Optional<String> knownHosts = optionalString(config, "known_hosts_file");
        if (hostKey.isEmpty() && knownHosts.isEmpty()) {
            resp.diagnostics().addAttributeError(Path.root("host_key"), "Host key verification needs a host key",
                    "Set `host_key` to the host's public key or its SHA256 fingerprint, or `known_hosts_file` to a "
                            + "known_hosts file that lists the host.");
            return;
        }
        if (hostKey.isPresent() && knownHosts.isPresent()) {
            resp.diagnostics().addAttributeError(Path.root("known_hosts_file"), "Conflicting host key settings",
                    "Set either `host_key` or `known_hosts_file`, not both.");
            return;
        }
        Long port = config.get("port").isNull() ? null : config.get("port").asLong();
        SshTarget target = new SshTarget(
                config.get("host").asString(),
                port == null ? DEFAULT_SSH_PORT : port.intValue(),
                optionalString(config, "user").orElse(DEFAULT_USER),
                new Secret(config.get("private_key").asString()),
                hostKey,
                knownHosts.map(Paths::get));
        resp.setProviderData(new HostAccess(target, connections));
    }

    @Override
    public List<Supplier<Resource>> resources() {
        return List.of(TableResource::new);
    }

    private static Optional<String> optionalString(Value config, String name) {
        Value value = config.get(name);
        return value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }

    /** The provider's own version, as built. */
    static final class Version {
        static final String CURRENT = load();

        private static String load() {
            try (InputStream in = NftablesProvider.class.getResourceAsStream("/nftkeeper-provider.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
