package io.nftkeeper.transport;

import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Transaction;

/**
 * The words for a host that stopped answering SSH right after an apply without lockout protection: the change may
 * be what cut SSH, and it stays live, so the error says so and what to do, rather than only "cannot reach".
 */
final class LockedOut {

    private static final String WHAT_TO_DO = " From the host's console (cloud serial console, IPMI, hypervisor) run "
            + "`nft list ruleset` and delete or fix what drops SSH (e.g. `nft delete table ...`), correct the "
            + "configuration, then run terraform apply again; the state may not match the host until then. With "
            + "lockout_protection in the provider block the agent rolls such a change back by itself "
            + "(docs/guides/lockout-protection.md).";

    private LockedOut() {}

    /** The transaction as a user named it: its first chain, else its first object. */
    static String change(Transaction transaction) {
        for (Command command : transaction.commands()) {
            if (command.object() instanceof Chain chain) {
                return "chain " + chain.name() + " (" + chain.table().describe() + ")";
            }
            if (command.object() instanceof Rule rule) {
                return "chain " + rule.chain() + " (" + rule.table().describe() + ")";
            }
        }
        return transaction.commands().isEmpty()
                ? "the host"
                : transaction.commands().get(0).object().describe();
    }

    static String committed(String host, String change, String cause) {
        return "the change to " + change + " was committed on " + host + " and SSH has not answered since (" + cause
                + "): the host may be locked out." + WHAT_TO_DO;
    }

    static String sent(String host, String change, String cause) {
        return "the change to " + change + " was sent to " + host + " and SSH has not answered since (" + cause
                + "), so whether it committed cannot be told: if it did, the host may be locked out." + WHAT_TO_DO;
    }
}
