package io.nftkeeper.agent;

import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.wire.AgentException;
import java.util.List;
import java.util.Optional;

/**
 * Turns nft's failure of a whole batch into an error that names the failing command. For a batch, nft quotes
 * the buffer's first line whichever command failed, and after one kernel error it may blame later valid
 * commands too; so we dry-run prefixes of the batch and bisect to the shortest one that fails: its last command
 * is the first that fails. A failing prefix keeps failing as it grows, which makes bisection sound.
 */
final class FailingCommandLocator {

    static final String NOTHING_APPLIED = " (nothing was applied)";

    private final Nftables nftables;

    FailingCommandLocator(Nftables nftables) {
        this.nftables = nftables;
    }

    /**
     * @param failure       what nft said about the whole transaction
     * @param dryRunFailure whether {@code failure} came from a dry run of the whole transaction (so need not be
     *                      repeated); false after a real commit failed
     */
    AgentException explain(Transaction tx, NftFailure failure, boolean dryRunFailure) {
        List<Command> commands = tx.commands();
        if (commands.size() == 1 && commands.get(0).verb() != Verb.DESTROY) {
            return new AgentException(failure.code(), commands.get(0).object().describe(), failure.getMessage(),
                    failure);
        }
        if (commands.size() == 1) {
            // a destroy is two nft lines (add, then delete); nft would quote the add whichever of them failed
            Command destroy = commands.get(0);
            return new AgentException(failure.code(), destroy.object().describe(), destroy.describe() + " failed: "
                    + failure.errorLines() + NOTHING_APPLIED, failure);
        }
        Optional<NftFailure> whole = dryRunFailure ? Optional.of(failure) : dryRunFailure(commands);
        if (whole.isEmpty()) {
            return new AgentException(failure.code(), tx.describe(), failure.errorLines() + NOTHING_APPLIED
                    + "; the kernel refused the transaction only when committing it, which a dry run cannot "
                    + "reproduce, so the failing command cannot be named", failure);
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
        return new AgentException(failingFailure.code(), culprit.object().describe(), "command " + failing + " of "
                + commands.size() + " (" + culprit.describe() + ") failed: " + failingFailure.errorLines()
                + NOTHING_APPLIED, failure);
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
