package io.nftkeeper.protocol.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Exactly one of {@code result} and {@code error} is set. {@code id} is null only when the agent could not read
 * the id of the request it answers.
 */
public record Response(Long id, JsonNode result, ErrorBody error) {

    public static Response success(long id, JsonNode result) {
        return new Response(id, result, null);
    }

    public static Response failure(Long id, ErrorBody error) {
        return new Response(id, null, error);
    }

    public boolean failed() {
        return error != null;
    }
}
