package io.nftkeeper.provider;

import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;

import java.util.Arrays;
import java.util.List;

/** Schema validators whose rules come from the protocol's object model, so plan and agent agree on what is valid. */
public final class NftValidators {
    /** nft's family keywords, in the order nft documents them. */
    public static final List<String> FAMILIES = Arrays.stream(Family.values()).map(Family::nftName).toList();

    private NftValidators() {
    }

    public static Validator family() {
        return Validators.oneOf(FAMILIES.toArray(String[]::new));
    }

    /** An nft identifier: {@code kind} names it in the message, e.g. "table name". */
    public static Validator identifier(String kind) {
        return (path, value, diagnostics) -> Identifiers.check(kind, value.asString())
                .ifPresent(problem -> diagnostics.addAttributeError(path, "Invalid " + kind, problem));
    }
}
