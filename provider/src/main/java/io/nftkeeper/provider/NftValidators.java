package io.nftkeeper.provider;

import io.nftkeeper.framework.schema.Validator;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Identifiers;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.ScriptText;
import io.nftkeeper.protocol.TableId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Schema validators whose rules come from the protocol's object model, so plan and agent agree on what is valid. */
public final class NftValidators {
    /** nft's family keywords, in the order nft documents them. */
    public static final List<String> FAMILIES =
            Arrays.stream(Family.values()).map(Family::nftName).toList();

    private NftValidators() {}

    public static Validator family() {
        return Validators.oneOf(FAMILIES.toArray(String[]::new));
    }

    /** A {@code table_id} attribute: the {@code id} of an {@code nftables_table}. */
    public static Validator tableId() {
        return (path, value, diagnostics) -> TableId.problem(value.asString())
                .ifPresent(p -> diagnostics.addAttributeError(path, "Invalid table_id", p));
    }

    /** The name of an nft object: {@code kind} names it in the message, e.g. "table" ("Invalid table name"). */
    public static Validator identifier(String kind) {
        return (path, value, diagnostics) -> Identifiers.check(kind, value.asString())
                .ifPresent(problem -> diagnostics.addAttributeError(path, "Invalid " + kind + " name", problem));
    }

    /**
     * A rule expression nftkeeper may render verbatim: not empty, no {@code ;}, {@code #} or line break outside
     * quotes, balanced braces and quotes. What it means is the host's business (checked by the plan's dry run).
     */
    public static Validator ruleExpression() {
        return (path, value, diagnostics) -> problem(() -> ScriptText.requireExpression("rule", value.asString()))
                .ifPresent(problem -> diagnostics.addAttributeError(path, "Invalid rule", problem));
    }

    /** A comment nft can store and print back: at most 128 bytes, no {@code "} or control characters. */
    public static Validator comment() {
        return (path, value, diagnostics) -> problem(() -> ScriptText.requireComment("rule", value.asString()))
                .ifPresent(problem -> diagnostics.addAttributeError(path, "Invalid comment", problem));
    }

    private static Optional<String> problem(Runnable check) {
        try {
            check.run();
            return Optional.empty();
        } catch (NftkeeperException e) {
            return Optional.of(e.getMessage().replaceFirst("^rule: ", ""));
        }
    }
}
