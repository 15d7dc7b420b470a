package io.nftkeeper.protocol;

import java.util.Arrays;
import java.util.Optional;

/** nftables address families; {@link #nftName()} is the keyword nft uses in scripts and JSON. */
public enum Family {
    IP("ip"),
    IP6("ip6"),
    INET("inet"),
    ARP("arp"),
    BRIDGE("bridge"),
    NETDEV("netdev");

    private final String nftName;

    Family(String nftName) {
        this.nftName = nftName;
    }

    public String nftName() {
        return nftName;
    }

    /** Parses the nft keyword (exact, lowercase), e.g. {@code "inet"}. */
    public static Optional<Family> parse(String nftName) {
        return Arrays.stream(values()).filter(f -> f.nftName.equals(nftName)).findFirst();
    }

    @Override
    public String toString() {
        return nftName;
    }
}
