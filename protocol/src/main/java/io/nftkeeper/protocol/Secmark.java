package io.nftkeeper.protocol;

import java.util.Objects;

/**
 * A secmark ({@code add secmark inet web ssh_server { "system_u:object_r:ssh_server_packet_t:s0" }}): rules label
 * packets with the SELinux context through {@code meta secmark set "ssh_server"}. The kernel translates the context
 * when the object is added, so it needs an active SELinux policy that knows it. A change replaces the object.
 */
public record Secmark(TableRef table, String name, String context) implements NamedObject {

    /** The kernel's NFT_SECMARK_CTX_MAXLEN, terminating NUL included. */
    public static final int MAX_CONTEXT_BYTES = 255;

    public Secmark {
        Objects.requireNonNull(table, "table");
        Identifiers.require("secmark", name);
        ScriptText.requireQuotedString("secmark " + name, "context", context, MAX_CONTEXT_BYTES);
    }

    @Override
    public String kind() {
        return "secmark";
    }

    @Override
    public String body() {
        return "{ \"" + context + "\" }";
    }
}
