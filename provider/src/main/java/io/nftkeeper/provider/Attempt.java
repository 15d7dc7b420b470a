package io.nftkeeper.provider;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.transport.TransportException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one way a failed call to a host becomes a diagnostic. An attempt names what was tried: a verb, the object as
 * nft describes it, and the host. Its failure is one error whose summary says that ("Cannot delete chain inet filter
 * input on web1") and whose detail is the agent's message (what nft or the connection said), completed by the
 * attempt's hooks: {@link #whenInUse} for a host that refuses because rules still use the object, {@link #withNote}
 * for what the caller knows about every failure. Whether the host was asked at all is {@link #couldNotAsk}: callers
 * that treat the host's refusal as a verdict (dry runs) check it first.
 *
 * @param preposition "on", or "from" for an import
 * @param inUse how the detail reads when the host refused because the object is in use; null: the message alone
 * @param note appended to the detail of every failure; null for none
 */
public record Attempt(
        String verb, String object, String host, String preposition, UnaryOperator<String> inUse, String note) {

    /** Trying to {@code verb} {@code object} (as nft describes it, "set inet filter allowed") on {@code host}. */
    public static Attempt to(String verb, String object, String host) {
        return new Attempt(verb, object, host, "on", null, null);
    }

    /** Importing {@code object} from {@code host}. */
    public static Attempt toImport(String object, String host) {
        return new Attempt("import", object, host, "from", null, null);
    }

    /**
     * This attempt, whose failure because rules still use the object (nftables' EBUSY) has the detail
     * {@code explanation} makes of the agent's message.
     */
    public Attempt whenInUse(UnaryOperator<String> explanation) {
        return new Attempt(verb, object, host, preposition, explanation, note);
    }

    /** This attempt, with {@code note} (a sentence or parenthesis; null for none) after every failure's message. */
    public Attempt withNote(String note) {
        return new Attempt(verb, object, host, preposition, inUse, note);
    }

    /** "Cannot {@code verb} {@code object} on {@code host}". */
    public String summary() {
        return "Cannot " + verb + " " + object + " " + preposition + " " + host;
    }

    /** Runs {@code call}; a failure is the error diagnostic of this attempt. */
    public void run(Diagnostics diagnostics, Runnable call) {
        try {
            call.run();
        } catch (NftkeeperException e) {
            failed(diagnostics, e);
        }
    }

    /** What {@code call} returns, or empty when it failed (then with the error diagnostic of this attempt). */
    public <T> Optional<T> get(Diagnostics diagnostics, Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (NftkeeperException e) {
            failed(diagnostics, e);
            return Optional.empty();
        }
    }

    /** Adds the error of this attempt for the host's failure {@code e}. */
    public void failed(Diagnostics diagnostics, NftkeeperException e) {
        diagnostics.addError(summary(), detail(e));
    }

    /** Adds the error of this attempt for a failure the caller found itself ("... does not exist on the host."). */
    public void failed(Diagnostics diagnostics, String detail) {
        diagnostics.addError(summary(), detail);
    }

    /** The agent's message for {@code e}, as the hooks complete it. */
    String detail(NftkeeperException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (inUse != null && inUse(e)) {
            try {
                message = inUse.apply(message);
            } catch (NftkeeperException explanationFailed) {
                // the host's own message still says what failed
            }
        }
        return note == null ? message : message + " " + note;
    }

    /** nftables refuses to delete what a rule (or a map's verdict) still uses with "Device or resource busy". */
    public static boolean inUse(NftkeeperException e) {
        return e.getMessage() != null && e.getMessage().contains("Device or resource busy");
    }

    /**
     * Lost or failed connections say nothing about the object, unlike the host's refusal of a command; nor does a
     * table this configuration may not write into.
     */
    public static boolean couldNotAsk(NftkeeperException e) {
        return e instanceof TransportException
                || e instanceof AgentException agentError
                        && (agentError.code() == ErrorCode.UNAVAILABLE || agentError.code() == ErrorCode.NOT_OWNED);
    }
}
