package io.nftkeeper.protocol.live;

/**
 * One rule as the host lists it: {@code canonical} is the whole line as {@code nft -s} prints it, {@code expr} and
 * {@code comment} that line split at a trailing {@code comment "..."}; {@code packets} and {@code bytes} are the
 * values of its anonymous counter, null without one or in a listing without counter values.
 */
public record LiveRule(String canonical, String expr, String comment, long handle, Long packets, Long bytes) {}
