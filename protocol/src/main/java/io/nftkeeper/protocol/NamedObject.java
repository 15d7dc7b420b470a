package io.nftkeeper.protocol;

/**
 * A named object of a table that rules refer to by name and that nft declares as {@code add <kind> <family> <table>
 * <name> <body>}: flowtables, ct helpers, ct timeouts, ct expectations, synproxies and secmarks. Its {@link #body()}
 * is both what the script renders and, rendered from the object as the host lists it, the canonical text a plan
 * compares.
 */
public sealed interface NamedObject extends NftObject
        permits Flowtable, CtHelper, CtTimeout, CtExpectation, Synproxy, Secmark {

    String name();

    /** nft's keyword for the kind, e.g. {@code ct helper}. */
    String kind();

    /** The object's definition as nft reads it, e.g. {@code { type "ftp" protocol tcp; l3proto inet; }}. */
    String body();

    /** E.g. {@code ct helper inet web ftp-standard}. */
    @Override
    default String describe() {
        return kind() + " " + table().family().nftName() + " " + table().name() + " " + name();
    }

    /** The name errors give an object before it is constructed, e.g. {@code ct helper inet web ftp}. */
    static String owner(String kind, TableRef table, String name) {
        return kind + " " + table.family().nftName() + " " + table.name() + " " + name;
    }

    /**
     * {@code word} unless it is missing or not a plain nft word such as {@code tcp}, {@code ip6} or the helper
     * {@code Q.931}: nothing that could end a string, a statement or a command.
     */
    static String requireKeyword(String owner, String what, String word) {
        if (word == null || !word.matches("[A-Za-z][A-Za-z0-9_.-]{0,31}")) {
            throw new InvalidObjectDefinitionException(owner + ": " + what + " must be an nft keyword "
                    + "such as `tcp` (letters, digits, '_', '.' and '-'), got " + quoted(word));
        }
        return word;
    }

    /** {@code value} unless it lies outside {@code min..max}. */
    static long requireBetween(String owner, String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidObjectDefinitionException(
                    owner + ": " + what + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : ScriptText.quoted(text);
    }
}
