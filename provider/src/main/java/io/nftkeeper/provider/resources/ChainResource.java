package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.resource.CreateRequest;
import io.nftkeeper.framework.resource.CreateResponse;
import io.nftkeeper.framework.resource.DeleteRequest;
import io.nftkeeper.framework.resource.DeleteResponse;
import io.nftkeeper.framework.resource.ImportStateRequest;
import io.nftkeeper.framework.resource.ImportStateResponse;
import io.nftkeeper.framework.resource.ModifyPlanRequest;
import io.nftkeeper.framework.resource.ModifyPlanResponse;
import io.nftkeeper.framework.resource.ReadRequest;
import io.nftkeeper.framework.resource.ReadResponse;
import io.nftkeeper.framework.resource.Resource;
import io.nftkeeper.framework.resource.ResourceWithConfigure;
import io.nftkeeper.framework.resource.ResourceWithImportState;
import io.nftkeeper.framework.resource.ResourceWithModifyPlan;
import io.nftkeeper.framework.resource.UpdateRequest;
import io.nftkeeper.framework.resource.UpdateResponse;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Block;
import io.nftkeeper.framework.schema.ConfigValidators;
import io.nftkeeper.framework.schema.PlanModifiers;
import io.nftkeeper.framework.schema.Schema;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.framework.types.Values;
import io.nftkeeper.protocol.Alignment;
import io.nftkeeper.protocol.BaseChain;
import io.nftkeeper.protocol.Chain;
import io.nftkeeper.protocol.ChainPolicy;
import io.nftkeeper.protocol.ChainType;
import io.nftkeeper.protocol.Command;
import io.nftkeeper.protocol.Family;
import io.nftkeeper.protocol.Hook;
import io.nftkeeper.protocol.InvalidObjectDefinitionException;
import io.nftkeeper.protocol.NftkeeperException;
import io.nftkeeper.protocol.Rule;
import io.nftkeeper.protocol.Table;
import io.nftkeeper.protocol.TableId;
import io.nftkeeper.protocol.Transaction;
import io.nftkeeper.protocol.Verb;
import io.nftkeeper.protocol.live.LiveBaseChain;
import io.nftkeeper.protocol.live.LiveChain;
import io.nftkeeper.protocol.live.LiveRule;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ApplyResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.TableListing;
import io.nftkeeper.provider.Attempt;
import io.nftkeeper.provider.HostsConfigured;
import io.nftkeeper.provider.NftValidators;
import io.nftkeeper.provider.PlacementKeywords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code nftables_chain}: one chain of a managed table with its ordered rules. Every change is one agent apply (one
 * netlink batch) that edits the rules by handle: rules that stay keep their handles and counters, removed ones are
 * deleted, added ones inserted at their place (flush + re-add only when the chain changed on the host since the
 * plan). State keeps each rule's text as written and as the host listed it right after apply ({@code canonical});
 * Read compares canonical texts, so the plan is empty unless someone changed the chain on the host, and then shows
 * the host's text of exactly what changed.
 */
public final class ChainResource extends HostsConfigured
        implements Resource, ResourceWithConfigure, ResourceWithImportState, ResourceWithModifyPlan {

    /** The resource's state, attribute for attribute. */
    public record State(
            String id,
            String tableId,
            String name,
            String type,
            String hook,
            String priority,
            String policy,
            Set<String> devices,
            List<RuleState> rule) {
        public State {
            rule = rule == null ? List.of() : List.copyOf(rule);
        }

        TableId table() {
            return TableId.parse(tableId).orElseThrow();
        }

        boolean isBase() {
            return hook != null;
        }

        /** The protocol chain; throws {@link NftkeeperException} when a property is not valid. */
        Chain chain() {
            TableId table = table();
            if (!isBase()) {
                return Chain.regular(table.table(), name);
            }
            return new Chain(
                    table.table(),
                    name,
                    new BaseChain(
                            ChainType.valueOf(type.toUpperCase(Locale.ROOT)),
                            Hook.valueOf(hook.toUpperCase(Locale.ROOT)),
                            ChainPriorities.parse(priority)
                                    .orElseThrow(() ->
                                            new InvalidObjectDefinitionException(ChainPriorities.syntaxHelp(priority))),
                            policy == null ? null : ChainPolicy.valueOf(policy.toUpperCase(Locale.ROOT)),
                            devices == null ? List.of() : List.copyOf(new TreeSet<>(devices))));
        }

        State withRules(List<RuleState> rules) {
            return new State(id, tableId, name, type, hook, priority, policy, devices, rules);
        }

        State withBase(Optional<LiveBaseChain> base) {
            return base.map(b -> new State(
                            id,
                            tableId,
                            name,
                            b.type(),
                            b.hook(),
                            b.priority(),
                            b.policy(),
                            b.devices().isEmpty() ? null : Set.copyOf(b.devices()),
                            rule))
                    .orElseGet(() -> new State(id, tableId, name, null, null, null, null, null, rule));
        }
    }

    /** One {@code rule} block. */
    public record RuleState(String expr, String comment, String canonical) {}

    private static final List<String> TYPES = names(ChainType.values());
    private static final List<String> HOOKS = names(Hook.values());
    private static final List<String> POLICIES = names(ChainPolicy.values());

    /** How long a dry run that misses an object waits for another resource of the run to plan it. */
    private static final Duration PLANNED_OBJECT_WAIT = Duration.ofSeconds(5);

    private static final String MISSING_OBJECT_HINT = " The rule names a set, map, counter, quota, limit or chain "
            + "that neither exists in the table nor is planned in this run. If a resource of this configuration "
            + "creates it, name it by reference (`@${nftables_set.<label>.name}`, "
            + "`jump ${nftables_chain.<label>.name}`, `counter name \"${nftables_counter.<label>.name}\"`): "
            + "Terraform then plans and creates it before this chain, and the plan declares it in this chain's dry "
            + "run.";

    @Override
    public String typeName() {
        return "nftables_chain";
    }

    public static Schema schemaV0() {
        return Schema.builder()
                .description("A chain of a managed nftables table and its rules, in order. The chain owns its rules: "
                        + "every change is one atomic transaction, so packets never see a half-updated chain. It "
                        + "edits the rules by handle: rules that stay keep their handles and their counters, only "
                        + "added or changed rules are written. Rules are written in nft syntax; "
                        + "`terraform plan` runs them through the host's nftables as a dry run, so a rule the kernel "
                        + "refuses fails the plan on that rule.")
                .attributes(
                        Attribute.string("table_id")
                                .required()
                                .validators(NftValidators.tableId())
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("The `id` of the `nftables_table` this chain belongs to "
                                        + "(`<host>/<family>/<table>`), e.g. `nftables_table.filter.id`. The chain "
                                        + "lives on that table's host. Changing it replaces the chain."),
                        Attribute.string("name")
                                .required()
                                .validators(NftValidators.identifier("chain"))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Chain name, unique in its table. Changing it replaces the chain."),
                        Attribute.string("type")
                                .optional()
                                .validators(Validators.oneOf(TYPES.toArray(String[]::new)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Base chain type: one of `" + String.join("`, `", TYPES) + "`. Set "
                                        + "`type`, `hook` and `priority` together for a base chain; leave all three "
                                        + "out for a regular chain (reached by `jump`/`goto`). The kernel cannot "
                                        + "change it in place: changing it replaces the chain."),
                        Attribute.string("hook")
                                .optional()
                                .validators(Validators.oneOf(HOOKS.toArray(String[]::new)))
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Hook the base chain attaches to: one of `" + String.join("`, `", HOOKS)
                                        + "`. Changing it replaces the chain."),
                        Attribute.string("priority")
                                .optional()
                                .validators((path, value, diagnostics) -> {
                                    if (ChainPriorities.parse(value.asString()).isEmpty()) {
                                        diagnostics.addAttributeError(
                                                path, "Invalid priority", ChainPriorities.syntaxHelp(value.asString()));
                                    }
                                })
                                .description("Base chain priority: a number (`\"-300\"`) or a name with an optional "
                                        + "offset (`\"filter\"`, `\"filter + 10\"`, `\"dstnat\"`). nft lists numbers "
                                        + "by name; spellings of the same number are the same priority (no diff). "
                                        + "Changing the number replaces the chain (the kernel cannot change it in "
                                        + "place)."),
                        Attribute.string("policy")
                                .optional()
                                .computed()
                                .validators(Validators.oneOf(POLICIES.toArray(String[]::new)))
                                .description("Base chain policy for packets no rule decided on: `accept` (default "
                                        + "for base chains) or `drop`. Changes in place, in the same transaction as "
                                        + "the rules. Only for base chains."),
                        Attribute.set("devices", Type.STRING)
                                .optional()
                                .planModifiers(PlanModifiers.requiresReplace())
                                .description("Interfaces of an `ingress`/`egress` base chain (netdev family, or inet "
                                        + "ingress). Changing them replaces the chain."),
                        Attribute.string("id")
                                .computed()
                                .planModifiers(PlanModifiers.useStateForUnknown())
                                .description("`<host>/<family>/<table>/<chain>`; also the import ID."))
                .block(Block.list(
                                "rule",
                                Schema.builder()
                                        .attributes(
                                                Attribute.string("expr")
                                                        .required()
                                                        .validators(
                                                                NftValidators.ruleExpression(),
                                                                PlacementKeywords.refused())
                                                        .description(
                                                                "The rule in nft syntax, e.g. `tcp dport { 22, 80 } "
                                                                        + "accept`. No `;`, `#` or line breaks outside quotes."),
                                                Attribute.string("comment")
                                                        .optional()
                                                        .validators(NftValidators.comment())
                                                        .description("Rule comment (at most 128 bytes, no `\"`)."),
                                                Attribute.string("canonical")
                                                        .computed()
                                                        .description(
                                                                "The rule (with its comment) as the host's nft listed "
                                                                        + "it right after apply, without counter values and "
                                                                        + "handles. Drift detection compares this text with the "
                                                                        + "live listing.")))
                        .description("The chain's rules, in order. A rule edited, added or removed on the host "
                                + "shows in the plan with the host's text, and `apply` restores the configured "
                                + "rules."))
                .configValidators(
                        ConfigValidators.requiredTogether(Path.root("type"), Path.root("hook"), Path.root("priority")),
                        (path, config, diagnostics) -> {
                            for (String onlyBase : List.of("policy", "devices")) {
                                if (!config.get(onlyBase).isNull()
                                        && config.get("hook").isNull()) {
                                    diagnostics.addAttributeError(
                                            Path.root(onlyBase),
                                            "Not a base chain",
                                            "`" + onlyBase + "` needs a base chain: set `type`, `hook` and "
                                                    + "`priority`.");
                                }
                            }
                        })
                .build();
    }

    @Override
    public Schema schema() {
        return schemaV0();
    }

    /** Why an update by handle that the host refused may have applied nothing. */
    private static final String BY_HANDLE_NOTE = "(the update edits rules by handle; if someone changed the chain on "
            + "the host meanwhile, nothing was applied: run `terraform apply` again)";

    @Override
    public void create(CreateRequest req, CreateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        TableId table = planned.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        Attempt attempt = attempt("create", planned);
        attempt.run(resp.diagnostics(), () -> {
            Chain chain = planned.chain();
            Optional<LiveChain> existing = listChain(table, chain, attempt, resp.diagnostics());
            if (resp.diagnostics().hasError()) {
                return;
            }
            if (existing.isPresent()) {
                attempt.failed(
                        resp.diagnostics(),
                        "The chain already exists on the host. Import it: `terraform import <address> " + table + "/"
                                + chain.name() + "`.");
                return;
            }
            Transaction.Builder tx = Transaction.builder().add(chain);
            rules(planned, chain).forEach(tx::add);
            ApplyResult applied = ConcurrentChanges.applyWhenPresent(hosts(), table, tx.build());
            stateAfterApply(planned, chain, applied, resp.diagnostics()).ifPresent(s -> resp.setState(state(s)));
        });
    }

    @Override
    public void read(ReadRequest req, ReadResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        attempt("read", current).run(resp.diagnostics(), () -> {
            TableListing listing = hosts().listing(table);
            Optional<LiveChain> live = listing.exists() ? listing.live().chain(current.name()) : Optional.empty();
            if (live.isEmpty()) {
                resp.removeResource();
                return;
            }
            State reconciled =
                    ChainDrift.reconcile(current, live.get(), table.table().family());
            if (!reconciled.equals(current)) {
                resp.setState(state(reconciled));
            }
        });
    }

    @Override
    public void update(UpdateRequest req, UpdateResponse resp) {
        State planned = Values.toRecord(req.plan(), State.class);
        State prior = Values.toRecord(req.state(), State.class);
        TableId table = planned.table();
        resp.setPrivateState(hosts().owners().keep(table, req.privateState()));
        Attempt attempt = attempt("update", planned);
        Optional<Chain> chain = attempt.get(resp.diagnostics(), planned::chain);
        if (chain.isEmpty()) {
            return;
        }
        Optional<List<Rule>> current = currentRules(prior, chain.get());
        attempt.withNote(current.isPresent() ? BY_HANDLE_NOTE : null).run(resp.diagnostics(), () -> {
            // `add chain` of an existing base chain with its type, hook and priority sets the policy in place
            Transaction.Builder tx = Transaction.builder().add(chain.get());
            if (current.isPresent()) {
                tx.editChainRules(
                        chain.get(),
                        current.get(),
                        rules(planned, chain.get()),
                        Alignment.of(prior.rule(), planned.rule(), ChainResource::sameRule));
            } else {
                tx.replaceChainRules(chain.get(), rules(planned, chain.get()));
            }
            ApplyResult applied =
                    hosts().agent(table.host()).apply(hosts().owners().owned(table, tx.build()));
            stateAfterApply(planned, chain.get(), applied, resp.diagnostics()).ifPresent(s -> resp.setState(state(s)));
        });
    }

    /**
     * The chain's rules on the host right now, each with its handle, when they are exactly the rules of
     * {@code prior} (the state the plan was made from); empty when the chain changed since (then the update
     * replaces all rules, which is right whatever the chain holds). Read afresh: handles from a stale listing could
     * name rules that are gone.
     */
    private Optional<List<Rule>> currentRules(State prior, Chain chain) {
        TableId table = prior.table();
        TableListing listing;
        try {
            listing = hosts().freshListing(table);
        } catch (NftkeeperException e) {
            return Optional.empty(); // changed while it was listed: replacing all rules is right whatever it holds
        }
        if (!listing.exists()) {
            return Optional.empty();
        }
        List<LiveRule> live =
                listing.live().chain(chain.name()).map(LiveChain::rules).orElse(List.of());
        List<String> stored = prior.rule().stream().map(RuleState::canonical).toList();
        if (!live.stream().map(LiveRule::canonical).toList().equals(stored)) {
            return Optional.empty();
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            RuleState rule = prior.rule().get(i);
            rules.add(new Rule(
                    chain.table(),
                    chain.name(),
                    rule.expr(),
                    rule.comment(),
                    live.get(i).handle()));
        }
        return Optional.of(rules);
    }

    /** The same rule in the prior state and the plan: the same text and comment as written. */
    private static boolean sameRule(RuleState prior, RuleState planned) {
        return prior.expr().equals(planned.expr()) && Objects.equals(prior.comment(), planned.comment());
    }

    @Override
    public void delete(DeleteRequest req, DeleteResponse resp) {
        State current = Values.toRecord(req.state(), State.class);
        TableId table = current.table();
        hosts().owners().keep(table, req.privateState());
        // destroy: a chain someone already removed is simply gone; deleting a chain removes its rules with it
        attempt("delete", current)
                .whenInUse(message -> message + ConcurrentChanges.hint("`jump ${nftables_chain.<label>.name}`"))
                .run(
                        resp.diagnostics(),
                        () -> ConcurrentChanges.destroy(hosts(), table, Chain.regular(table.table(), current.name())));
    }

    @Override
    public void importState(ImportStateRequest req, ImportStateResponse resp) {
        Optional<String> problem = TableObjectId.problem(req.id(), hosts().defaultHost(), "chain", "input");
        if (problem.isPresent()) {
            resp.diagnostics().addError("Invalid import ID \"" + req.id() + "\"", problem.get());
            return;
        }
        TableObjectId id = TableObjectId.parse(req.id(), hosts().defaultHost()).orElseThrow();
        TableId table = id.table();
        String tableId = table.toString();
        String name = id.name();
        Attempt attempt = Attempt.toImport(id.describe("chain"), table.host());
        attempt.run(resp.diagnostics(), () -> {
            Optional<TableListing> listing = ImportSource.listing(hosts(), table, attempt, resp.diagnostics());
            if (listing.isEmpty()) {
                return;
            }
            Optional<LiveChain> live = listing.get().live().chain(name);
            if (live.isEmpty()) {
                attempt.failed(
                        resp.diagnostics(),
                        "The chain does not exist in " + table.table().describe() + ".");
                return;
            }
            State imported = new State(tableId + "/" + name, tableId, name, null, null, null, null, null, List.of())
                    .withBase(live.get().base())
                    .withRules(live.get().rules().stream()
                            .map(r -> new RuleState(r.expr(), r.comment(), r.canonical()))
                            .toList());
            resp.setState(state(imported));
            resp.setPrivateState(hosts().owners().keep(table, null));
        });
    }

    /** Trying to {@code verb} the chain of {@code state} on its host. */
    private static Attempt attempt(String verb, State state) {
        return Attempt.to(
                verb,
                new TableObjectId(state.table(), state.name()).describe("chain"),
                state.table().host());
    }

    /**
     * Completes the plan where only this resource knows the answer, then dry-runs it on the host:
     * {@code id} from table and name; {@code policy} {@code accept} for a base chain that sets none; a priority
     * spelled differently but numerically equal keeps its prior spelling (no diff), a different number replaces the
     * chain; {@code canonical} of a rule whose text is unchanged (wherever it moved) stays known. The dry run turns
     * the kernel's refusal into an error on the rule that caused it. It declares first what this run plans in the
     * table (the table itself too when the run creates it), as one {@code nft -f} would, and is skipped only while
     * the table's id is unknown; the checks of hook, type and devices against the family run all the same.
     */
    @Override
    public void modifyPlan(ModifyPlanRequest req, ModifyPlanResponse resp) {
        Value plan = resp.plan();
        Value prior = req.state();
        plan = TableObjectId.withPlannedId(plan);
        Value hook = req.config().get("hook");
        if (req.config().get("policy").isNull() && !hook.isUnknown()) {
            plan = plan.with("policy", hook.isNull() ? Value.nullOf(Type.STRING) : Value.string("accept"));
        }
        plan = ChainDrift.keepEquivalentPriority(plan, prior, resp);
        plan = ChainDrift.keepKnownCanonical(plan, prior);
        resp.setPlan(plan);
        if (hosts() != null) {
            hosts().owners().keepPlanned(TableOwners.plannedTable(plan.get("table_id")), req, resp);
        }

        checkPlacement(plan, resp.diagnostics());
        if (resp.diagnostics().hasError()) {
            return;
        }
        if (hosts() != null) {
            hosts().planned()
                    .remember(
                            plan,
                            State.class,
                            List.of(),
                            s -> Chain.regular(s.table().table(), s.name()));
        }
        if (hosts() == null || !ChainDrift.knownForDryRun(plan) || plan.equals(prior)) {
            return;
        }
        dryRun(
                Values.toRecord(plan, State.class),
                prior.isNull() ? null : Values.toRecord(prior, State.class),
                resp.diagnostics());
    }

    /**
     * Hook, type, devices and priority name against each other and the table's family, and each rule's NAT
     * statement against the chain: the kernel refuses these with a bare "Operation not supported".
     */
    private static void checkPlacement(Value plan, Diagnostics diagnostics) {
        Value type = plan.get("type");
        Value hook = plan.get("hook");
        Value priority = plan.get("priority");
        if (!type.isKnown()
                || !hook.isKnown()
                || !priority.isKnown()
                || plan.get("devices").isUnknown()) {
            return;
        }
        Value tableId = plan.get("table_id");
        Optional<Family> family = tableId.isKnown()
                ? TableId.parse(tableId.asString()).map(t -> t.table().family())
                : Optional.empty();
        boolean devices =
                !plan.get("devices").isNull() && !plan.get("devices").asSet().isEmpty();
        for (ChainPlacement.Problem problem :
                ChainPlacement.problems(family, type.asString(), hook.asString(), priority.asString(), devices)) {
            diagnostics.addAttributeError(Path.root(problem.attribute()), problem.summary(), problem.detail());
        }
        Value rules = plan.get("rule");
        if (!rules.isKnown()) {
            return;
        }
        List<Value> list = rules.asList();
        for (int i = 0; i < list.size(); i++) {
            Value expr = list.get(i).get("expr");
            if (expr.isKnown()) {
                int index = i;
                ChainPlacement.natProblem(type.asString(), hook.asString(), expr.asString())
                        .ifPresent(problem -> diagnostics.addAttributeError(
                                Path.root("rule").atIndex(index).atName("expr"),
                                "NAT statement in the wrong chain (rule[" + index + "].expr)",
                                problem));
            }
        }
    }

    private void dryRun(State planned, State prior, Diagnostics diagnostics) {
        TableId table = planned.table();
        Chain chain;
        List<Rule> rules;
        try {
            chain = planned.chain();
            rules = rules(planned, chain);
        } catch (NftkeeperException e) {
            diagnostics.addError("Invalid chain " + planned.name(), e.getMessage());
            return;
        }
        Optional<TableListing> listing = prior == null
                ? attempt("read", planned).get(diagnostics, () -> hosts().listing(table))
                : Optional.empty();
        boolean replace = prior != null && ChainDrift.replaces(prior, planned);
        Transaction.Builder tx = Transaction.builder();
        if (replace && prior.tableId().equals(planned.tableId())) {
            tx.destroy(Chain.regular(table.table(), prior.name()));
        } else if (listing.isPresent()
                && listing.get().exists()
                && listing.get().live().chain(chain.name()).isPresent()) {
            // Terraform plans the create half of a replacement with no prior state: the old chain is destroyed
            // first. (A chain nobody manages is refused at apply, naming the import command.)
            tx.destroy(Chain.regular(table.table(), chain.name()));
        }
        if (prior == null || replace) {
            tx.add(chain);
            rules.forEach(tx::add);
        } else {
            tx.add(chain).replaceChainRules(chain, rules);
        }
        if (diagnostics.hasError()) {
            return;
        }
        Transaction body = tx.build();
        Set<String> refusedDeclarations = new HashSet<>();
        while (true) {
            int generation = hosts().planned().generation(table);
            Transaction transaction = null;
            try {
                transaction = withPlannedObjects(table, chain, body, refusedDeclarations);
                hosts().agent(table.host())
                        .check(
                                hosts().owners().owned(table, transaction),
                                hosts().planned().adopting(table));
                return;
            } catch (NftkeeperException e) {
                if (transaction == null || Attempt.couldNotAsk(e)) {
                    attempt("check", planned).failed(diagnostics, e);
                    return;
                }
                // the host refuses another resource's object (its own plan says why): check this chain without it
                int declarations =
                        transaction.commands().size() - body.commands().size();
                int failing = failingCommand(e, transaction.commands().size());
                if (failing >= 0
                        && failing < declarations
                        && refusedDeclarations.add(
                                transaction.commands().get(failing).object().describe())) {
                    continue;
                }
                // a literal name orders nothing: the resource that creates the object may be planned right now
                if (notFound(e) && hosts().planned().awaitMore(table, generation, PLANNED_OBJECT_WAIT)) {
                    continue;
                }
                int commands = transaction.commands().size();
                explainRefusal(e, chain, planned, rules, commands - rules.size(), commands, diagnostics);
                return;
            }
        }
    }

    /**
     * {@code body} after declarations of what this run plans in the table and the host does not have yet, as in one
     * {@code nft -f}: Terraform plans and applies referenced objects first, so those of this chain's references are
     * always among them.
     */
    private Transaction withPlannedObjects(TableId table, Chain chain, Transaction body, Set<String> refused) {
        TableListing listing = hosts().listing(table);
        List<Command> commands = new ArrayList<>();
        if (!listing.exists() && hosts().planned().plansTable(table.toString())) {
            // this run creates the table before the chain, as one nft -f file would
            commands.add(new Command(Verb.ADD, Table.of(table.table())));
        }
        hosts().planned().missingFrom(table, listing, chain).stream()
                .filter(o -> !refused.contains(o.describe()))
                .forEach(o -> commands.add(new Command(Verb.ADD, o)));
        commands.addAll(body.commands());
        return Transaction.of(commands);
    }

    /**
     * The 0-based index of the command of a transaction of {@code commands} that the host refused, as the agent
     * names it; for a single command, that one; -1 when the agent could not tell.
     */
    static int failingCommand(NftkeeperException e, int commands) {
        if (e instanceof AgentException agentError && agentError.command().isPresent()) {
            int index = agentError.command().getAsInt();
            return index < commands ? index : -1;
        }
        return commands == 1 ? 0 : -1;
    }

    private static void explainRefusal(
            NftkeeperException e,
            Chain chain,
            State planned,
            List<Rule> rules,
            int firstRule,
            int commands,
            Diagnostics diagnostics) {
        int command = failingCommand(e, commands);
        if (command >= firstRule) {
            int index = command - firstRule;
            diagnostics.addAttributeError(
                    Path.root("rule").atIndex(index).atName("expr"),
                    "The host refuses rule " + (index + 1) + " of chain " + planned.name() + " (rule[" + index
                            + "].expr)",
                    "`" + rules.get(index).expr() + "`: " + e.getMessage() + (notFound(e) ? MISSING_OBJECT_HINT : ""));
        } else if (e.getMessage().contains("unexpected " + chain.name() + ",")) {
            // nft 1.0.6 cannot quote a chain name, so a keyword (fwd, counter, ...) can never name a chain
            diagnostics.addAttributeError(
                    Path.root("name"),
                    "Chain name " + chain.name() + " is an nft keyword",
                    "nft reads `" + chain.name() + "` as a keyword, not as a name, and cannot quote chain names; "
                            + "choose another name. The host said: " + e.getMessage());
        } else {
            diagnostics.addError("The host refuses " + chain.describe(), e.getMessage());
        }
    }

    /** nft says "No such file or directory" for a set, map, named object or jump target the rule names. */
    private static boolean notFound(NftkeeperException e) {
        return e instanceof AgentException agentError && agentError.code() == ErrorCode.NOT_FOUND;
    }

    /** The chain as listed; a missing table is the error of {@code attempt}. */
    private Optional<LiveChain> listChain(TableId table, Chain chain, Attempt attempt, Diagnostics diagnostics) {
        return chainIn(hosts().listing(table), chain, attempt, diagnostics);
    }

    private static Optional<LiveChain> chainIn(
            TableListing listing, Chain chain, Attempt attempt, Diagnostics diagnostics) {
        if (!listing.exists()) {
            attempt.failed(diagnostics, listing.table().describe() + " does not exist on the host.");
            return Optional.empty();
        }
        return listing.live().chain(chain.name());
    }

    /**
     * The planned state with each rule's canonical text as the host lists it right after apply: from the apply's
     * own read-back, else listed now.
     */
    private Optional<State> stateAfterApply(State planned, Chain chain, ApplyResult applied, Diagnostics diagnostics) {
        TableId table = planned.table();
        TableListing listing = applied.readBackOf(table.table()).orElseGet(() -> hosts().listing(table));
        Optional<LiveChain> listed =
                chainIn(listing, chain, Attempt.to("list", chain.describe(), table.host()), diagnostics);
        if (diagnostics.hasError()) {
            return Optional.empty();
        }
        List<String> canonical = listed.map(LiveChain::canonicalRules).orElse(List.of());
        if (listed.isEmpty() || canonical.size() != planned.rule().size()) {
            diagnostics.addError(
                    "Unexpected listing of " + chain.describe() + " after apply",
                    "The apply succeeded, but the host lists " + canonical.size() + " rules where "
                            + planned.rule().size() + " were written (someone changed the chain at the same time?). "
                            + "Run `terraform apply` again.");
            return Optional.empty();
        }
        List<RuleState> rules = new ArrayList<>();
        for (int i = 0; i < canonical.size(); i++) {
            RuleState rule = planned.rule().get(i);
            rules.add(new RuleState(rule.expr(), rule.comment(), canonical.get(i)));
        }
        String id = planned.table() + "/" + planned.name();
        return Optional.of(new State(
                id,
                planned.tableId(),
                planned.name(),
                planned.type(),
                planned.hook(),
                planned.priority(),
                planned.policy(),
                planned.devices(),
                rules));
    }

    private static List<Rule> rules(State state, Chain chain) {
        return state.rule().stream()
                .map(r -> new Rule(chain.table(), chain.name(), r.expr(), r.comment()))
                .toList();
    }

    private Value state(State state) {
        return Values.fromRecord(schema().objectType(), state);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
    }
}
