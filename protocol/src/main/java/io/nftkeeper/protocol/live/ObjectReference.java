package io.nftkeeper.protocol.live;

/**
 * A rule statement that uses a named object, such as {@code limit name "ssh"}: the object's kind ({@code counter},
 * {@code quota}, {@code limit}, {@code set} (named sets and maps), or a
 * {@link io.nftkeeper.protocol.NamedObject#kind()} such as {@code ct helper}), its
 * name, and the rule's chain and handle.
 */
public record ObjectReference(String kind, String name, String chain, long handle) {}
