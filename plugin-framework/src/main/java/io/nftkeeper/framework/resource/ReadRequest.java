package io.nftkeeper.framework.resource;

import io.nftkeeper.framework.types.Value;

/** Read: {@code state} is what Terraform last stored (or what import returned). */
public record ReadRequest(Value state) {
}
