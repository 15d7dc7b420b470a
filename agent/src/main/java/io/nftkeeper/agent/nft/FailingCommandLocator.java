package io.nftkeeper.agent.nft;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import java.util.List;
import java.util.Optional;

/**
 * Turns nft's failure of a whole batch into an error that names the failing command. For a batch, nft quotes
 * the buffer's first line whichever command failed, and after one kernel error it may blame later valid
 * commands too; so we dry-run prefixes of the batch and bisect to the shortest one that fails: its last command
 * is the first that fails. A failing prefix keeps failing as it grows, which makes bisection sound. The error
 * carries the failing command's index and object as fields (clients map them; they never parse the message).
 */
public final class FailingCommandLocator {

    static final String NOTHING_APPLIED = " (nothing was applied)";

    private final Nftables nftables;

    public FailingCommandLocator(Nftables nftables) {
        this.nftables = nftables;
    }

    /**
     * @param failure       what nft said about the whole transaction
     * @param dryRunFailure whether {@code failure} came from a dry run of the whole transaction (so need not be
     *                      repeated); false after a real commit failed
     */
    public AgentException explain(Transaction tx, NftFailure failure, boolean dryRunFailure) {
        List<Command> commands = tx.commands();
        if (commands.size() == 1 && failure instanceof NftCrash) {
            return crashed(commands, 1, failure);
        }
        if (commands.size() == 1 && commands.get(0).verb() != Verb.DESTROY) {
            return new AgentException(
                    failure.code(), commands.get(0).object().describe(), 0, failure.getMessage(), failure);
        }
        if (commands.size() == 1) {
            // a destroy is two nft lines (add, then delete); nft would quote the add whichever of them failed
            Command destroy = commands.get(0);
            return new AgentException(
                    failure.code(),
                    destroy.object().describe(),
                    0,
                    destroy.describe() + " failed: " + failure.errorLines() + NOTHING_APPLIED,
                    failure);
        }
        Optional<NftFailure> whole = dryRunFailure ? Optional.of(failure) : dryRunFailure(commands);
        if (whole.isEmpty()) {
            return new AgentException(
                    failure.code(),
                    tx.describe(),
                    failure.errorLines() + NOTHING_APPLIED
                            + "; the kernel refused the transaction only when committing it, which a dry run cannot "
                            + "reproduce, so the failing command cannot be named",
                    failure);
        }
        int passing = 0;
        int failing = commands.size();
        NftFailure failingFailure = whole.get();
        while (failing - passing > 1) {
            int middle = (passing + failing) / 2;
            Optional<NftFailure> prefix = dryRunFailure(commands.subList(0, middle));
            if (prefix.isPresent()) {
                failing = middle;
                failingFailure = prefix.get();
            } else {
                passing = middle;
            }
        }
        Command culprit = commands.get(failing - 1);
        if (failingFailure instanceof NftCrash) {
            return crashed(commands, failing, failingFailure);
        }
        return new AgentException(
                failingFailure.code(),
                culprit.object().describe(),
                failing - 1,
                "command "
                        + failing + " of " + commands.size() + " (" + culprit.describe() + ") failed: "
                        + failingFailure.errorLines() + NOTHING_APPLIED,
                failure);
    }

    /**
     * nft died checking the {@code number}th command. A rule is named by its place in its chain, as the chain's rule
     * blocks are: the batch adds a chain's rules in their order.
     */
    private static AgentException crashed(List<Command> commands, int number, NftFailure crash) {
        Command culprit = commands.get(number - 1);
        String what = culprit.describe();
        if (culprit.object() instanceof Rule rule) {
            long place = commands.subList(0, number).stream()
                    .filter(command -> command.object() instanceof Rule other
                            && other.table().equals(rule.table())
                            && other.chain().equals(rule.chain()))
                    .count();
            what = "rule " + place + " of chain " + rule.table().family().nftName() + " "
                    + rule.table().name() + " " + rule.chain() + " (" + rule.expr() + ")";
        }
        return new AgentException(
                crash.code(),
                culprit.object().describe(),
                number - 1,
                "nft crashed while checking " + what + ": " + crash.getMessage()
                        + ". nft cannot handle this rule; the ruleset is unchanged",
                crash);
    }

    private Optional<NftFailure> dryRunFailure(List<Command> commands) {
        try {
            nftables.dryRun(Transaction.of(commands).toScript());
            return Optional.empty();
        } catch (NftFailure e) {
            return Optional.of(e);
        }
    }
}
