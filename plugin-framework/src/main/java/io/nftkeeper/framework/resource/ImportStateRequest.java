package io.nftkeeper.framework.resource;

/** Import: {@code id} is the string the user passed to {@code terraform import} or an import block. */
public record ImportStateRequest(String id) {
}
