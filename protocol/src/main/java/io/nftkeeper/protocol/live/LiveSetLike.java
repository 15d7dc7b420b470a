package io.nftkeeper.protocol.live;

import java.util.List;
import java.util.Set;

/**
 * What a listed set and a listed map have alike: the key ({@code type} or {@code typeof}), flags, default timeout,
 * size, policy (absent: null) and the elements as nft prints them (a map's as {@code key : value}).
 */
public sealed interface LiveSetLike permits LiveSet, LiveMap {

    String name();

    String type();

    String typeof();

    Set<String> flags();

    String timeout();

    Long size();

    String policy();

    List<String> elements();
}
