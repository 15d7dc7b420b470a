package io.nftkeeper.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@link NftSet.Builder} and {@link NftMap.Builder} collect alike (the key, flags, default timeout, size, policy
 * and elements), and the checks their records share. {@code B} is the concrete builder, so that calls chain.
 */
public abstract class SetLikeBuilder<B extends SetLikeBuilder<B>> {

    private static final Pattern DATA_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    final TableRef table;
    final String name;
    List<String> type = List.of();
    String typeof;
    final List<SetFlag> flags = new ArrayList<>();
    Long timeoutMs;
    Long size;
    SetPolicy policy;
    List<String> elements = List.of();

    SetLikeBuilder(TableRef table, String name) {
        this.table = table;
        this.name = name;
    }

    abstract B self();

    /** The key's data types, concatenated in order ({@code ipv4_addr}, {@code inet_service}). */
    public B type(String... dataTypes) {
        this.type = List.of(dataTypes);
        return self();
    }

    /** The key as an expression ({@code ip saddr . tcp dport}) instead of data types. */
    public B typeof(String expression) {
        this.typeof = expression;
        return self();
    }

    public B flags(SetFlag... setFlags) {
        flags.addAll(List.of(setFlags));
        return self();
    }

    public B timeoutMs(long millis) {
        this.timeoutMs = millis;
        return self();
    }

    public B size(long maxElements) {
        this.size = maxElements;
        return self();
    }

    public B policy(SetPolicy setPolicy) {
        this.policy = setPolicy;
        return self();
    }

    /** The elements as the user wrote them, one each (a map's {@code key : value}). */
    public B elements(List<String> values) {
        this.elements = values;
        return self();
    }

    /**
     * Checks the key, as sets and maps declare it alike: exactly one of {@code type} (data types) and {@code typeof}
     * (an expression). {@code owner} names the object in errors.
     */
    static void requireKey(String owner, List<String> type, String typeof, String dataTypeExamples) {
        if (type.isEmpty() == (typeof == null)) {
            throw new InvalidObjectDefinitionException(owner + ": give exactly one of type and typeof");
        }
        for (String dataType : type) {
            requireDataType(owner, dataType, dataTypeExamples);
        }
        if (typeof != null) {
            ScriptText.requireTypeofExpression(owner, typeof);
        }
    }

    /** Checks that the default timeout is positive and the size one the kernel accepts. */
    static void requireLimits(String owner, Long timeoutMs, Long size) {
        if (timeoutMs != null && timeoutMs <= 0) {
            throw new InvalidObjectDefinitionException(owner + ": timeout must be positive");
        }
        if (size != null && (size <= 0 || size > 0xFFFF_FFFFL)) {
            throw new InvalidObjectDefinitionException(owner + ": size must be between 1 and 4294967295");
        }
    }

    /** {@code dataType} is one nft data type name; the error gives {@code examples} ("ipv4_addr or inet_service"). */
    static void requireDataType(String owner, String dataType, String examples) {
        if (!DATA_TYPE.matcher(dataType).matches()) {
            throw new InvalidObjectDefinitionException(
                    owner + ": " + ScriptText.quoted(dataType) + " is not an nft data type name such as " + examples);
        }
    }
}
