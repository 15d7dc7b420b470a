package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code {"id": 7, "method": "list", "params": {...}}}. */
public record Request(long id, String method, JsonNode params) {}
