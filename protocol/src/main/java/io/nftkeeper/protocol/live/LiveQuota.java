package io.nftkeeper.protocol.live;

import io.nftkeeper.protocol.Quota;

/** A named quota and how many bytes it has used. */
public record LiveQuota(Quota quota, long used) {}
