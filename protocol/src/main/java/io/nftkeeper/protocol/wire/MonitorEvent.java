package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event of a streaming call: {@code {"id": 7, "event": {...}}}, where {@code id} is the request that started the
 * stream. The stream ends with an ordinary {@link Response} for the same id.
 */
public record MonitorEvent(long id, JsonNode event) {}
