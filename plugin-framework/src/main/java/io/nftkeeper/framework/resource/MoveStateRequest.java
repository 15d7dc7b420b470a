package io.nftkeeper.framework.resource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A moved block's source: e.g. provider {@code registry.terraform.io/example/old}, type {@code old_file} at schema
 * version 2, with its raw JSON state and private bytes.
 */
public record MoveStateRequest(
        String sourceProviderAddress,
        String sourceTypeName,
        long sourceSchemaVersion,
        JsonNode sourceState,
        byte[] sourcePrivateState) {}
