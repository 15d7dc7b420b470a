package io.nftkeeper.provider;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.Optional;

/**
 * What every resource and data source of this provider starts from: the hosts of the configured provider, which the
 * framework hands over ({@code configure}) before any other call.
 */
public abstract class HostsConfigured {

    private HostAccess hosts;

    /** {@code providerData} is null while the provider is not configured yet (e.g. during validation). */
    public void configure(Object providerData) {
        this.hosts = (HostAccess) providerData;
    }

    /** The configured hosts; null before {@link #configure}. */
    protected HostAccess hosts() {
        return hosts;
    }

    /**
     * The host that {@code host} (the attribute's value) names, else the provider's; empty with an error on
     * {@code host} under {@code summary} ("No host to list") when neither is set.
     */
    protected Optional<String> host(Value host, String summary, Diagnostics diagnostics) {
        Optional<String> resolved = hosts.resolve(host.isNull() ? null : host.asString());
        if (resolved.isEmpty()) {
            diagnostics.addAttributeError(Path.root("host"), summary, HostAccess.noHostDetail());
        }
        return resolved;
    }
}
