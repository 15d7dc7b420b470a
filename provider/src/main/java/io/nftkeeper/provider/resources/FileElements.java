package io.nftkeeper.provider.resources;

import io.nftkeeper.framework.diag.Diagnostics;
import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.schema.Attribute;
import io.nftkeeper.framework.schema.Validators;
import io.nftkeeper.framework.types.Type;
import io.nftkeeper.framework.types.Value;
import io.nftkeeper.protocol.NftSet;
import io.nftkeeper.protocol.wire.AgentException;
import io.nftkeeper.protocol.wire.ElementsParams;
import io.nftkeeper.protocol.wire.ElementsResult;
import io.nftkeeper.protocol.wire.ErrorCode;
import io.nftkeeper.protocol.wire.PackedElements;
import io.nftkeeper.transport.AgentCalls;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Elements from a file ({@code elements_file}) for sets too large for a Terraform attribute: the elements never enter
 * Terraform's plan or state. State keeps the file's element-set digest, and the digest and count of the set as the
 * host's kernel lists it; the host's agent keeps the last applied elements (see docs/design) and is the judge of
 * every element. Plan reads the file, and only when its element set differs from the last apply (or the host
 * drifted) sends it to the agent for a dry run, which answers the change's counts and samples; the plan shows them
 * in {@code elements_change}. Apply sends the elements packed, and the agent writes only the delta in one batch.
 */
final class FileElements {

    static final String FILE = "elements_file";
    static final String SHA256 = "elements_sha256";
    static final String COUNT = "elements_count";
    static final String DIGEST = "elements_digest";
    static final String SOURCE_DIGEST = "elements_source_digest";
    static final String CHANGE = "elements_change";

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int SHORT_DIGEST = 12;

    /** The file attributes of one state. */
    record Status(String file, String sha256, Long count, String digest, String sourceDigest, String change) {

        static Status none() {
            return new Status(null, null, null, null, null, null);
        }

        boolean managed() {
            return file != null;
        }
    }

    private FileElements() {}

    /** The attributes a resource with {@code elements_file} adds to its schema. */
    static Attribute[] attributes(String conflicting) {
        return attributes(conflicting, "elements", "the set's elements");
    }

    /**
     * The attributes of a resource whose {@code elements_file} holds one contribution to a set owned elsewhere: its
     * count and digest are of this resource's own elements only.
     */
    static Attribute[] contributionAttributes(String conflicting) {
        return attributes(
                conflicting,
                "this resource's elements",
                "the elements this resource added (not those others put into the set)");
    }

    private static Attribute[] attributes(String conflicting, String counted, String digested) {
        return new Attribute[] {
            Attribute.string(FILE)
                    .optional()
                    .description("A file with the elements, one per line in nft syntax (anything the set's type "
                            + "takes, prefixes and ranges included), e.g. `\"${path.module}/drop.txt\"`; `#` starts a "
                            + "comment, blank lines are ignored, a repeated line counts once. For sets of up to "
                            + "millions of elements: the elements never enter Terraform's plan or state. The plan "
                            + "reads the file, has the host's nft dry-run the elements that are new (an invalid one "
                            + "fails the plan with its line number) and shows the change in `elements_change`; apply "
                            + "sends the elements compressed and the host's agent applies only the added and removed "
                            + "ones in one transaction. Conflicts with `" + conflicting + "`."),
            Attribute.string(SHA256)
                    .optional()
                    .validators(Validators.regex(HEX_SHA256, "must be 64 hex digits (the output of `sha256sum`)"))
                    .description("The SHA-256 (hex) the bytes of `elements_file` must have, e.g. from the list's "
                            + "publisher; a file that does not match fails the plan."),
            Attribute.number(COUNT)
                    .computed()
                    .description("With `elements_file`: the number of " + counted + " the host's set lists (after "
                            + "nft merged overlapping intervals of an `auto_merge` set)."),
            Attribute.string(DIGEST)
                    .computed()
                    .description("With `elements_file`: `sha256:<hex>` of " + digested + " as the host's nft "
                            + "lists them (sorted, one per line), computed on the host. A refresh compares it with "
                            + "the host without sending the elements back."),
            Attribute.string(SOURCE_DIGEST)
                    .computed()
                    .description("With `elements_file`: `sha256:<hex>` of the file's element set (sorted, "
                            + "one per line), so reordering the file or adding comments is no change. Empty "
                            + "after a refresh found the host's set changed outside Terraform."),
            Attribute.string(CHANGE)
                    .computed()
                    .description("With `elements_file`: what the last plan changed, e.g. `+1,204 / −37 elements "
                            + "(sha256 3f2a9c0e1b7d → file 9c4e01aa5e2f); adds 10.0.0.1, …; removes 10.9.9.9, …`, "
                            + "or, after a refresh, what changed on the host outside Terraform."),
        };
    }

    /** The file attributes of {@code value} (a plan or state). */
    static Status status(Value value) {
        return new Status(
                string(value, FILE),
                string(value, SHA256),
                value.get(COUNT).isKnown() && !value.get(COUNT).isNull()
                        ? value.get(COUNT).asLong()
                        : null,
                string(value, DIGEST),
                string(value, SOURCE_DIGEST),
                string(value, CHANGE));
    }

    /**
     * Completes a plan: without a file the computed attributes are null; with an unchanged element set (and a host
     * that still holds the last apply) they stay as they are, so the plan is empty; otherwise the host's agent
     * dry-runs the file's new elements and answers the change, which {@code elements_change} shows.
     * {@code declaration} is the set without elements, when the plan knows enough to build it.
     */
    static Value plan(
            java.nio.file.Path workingDirectory,
            Value plan,
            Value prior,
            Optional<AgentCalls> agent,
            Optional<NftSet> declaration,
            Diagnostics diagnostics) {
        return plan(workingDirectory, plan, prior, agent, declaration, null, diagnostics);
    }

    /**
     * As {@link #plan(Value, Value, Optional, Optional, Diagnostics)}, for one {@code contributor}'s elements of a
     * set owned elsewhere when it is not null (the host then compares with that contribution only).
     */
    static Value plan(
            java.nio.file.Path workingDirectory,
            Value plan,
            Value prior,
            Optional<AgentCalls> agent,
            Optional<NftSet> declaration,
            String contributor,
            Diagnostics diagnostics) {
        Value file = plan.get(FILE);
        if (file.isNull()) {
            return withComputed(plan, null, null, null, null);
        }
        if (file.isUnknown() || plan.get(SHA256).isUnknown()) {
            return withUnknown(plan, Value.unknown(Type.STRING), Value.unknown(Type.STRING));
        }
        Status before = prior.isNull() ? Status.none() : status(prior);
        // the same bytes as a file the last apply or plan read in full: no change, and no need to parse it again
        if (before.sourceDigest() != null
                && ElementsFile.knownBytes(
                                workingDirectory, file.asString(), string(plan, SHA256), before.sourceDigest())
                        .isPresent()) {
            return withComputed(plan, before.count(), before.digest(), before.sourceDigest(), before.change());
        }
        ElementsFile.Result read = ElementsFile.read(workingDirectory, file.asString(), string(plan, SHA256));
        if (read.problem().isPresent()) {
            ElementsFile.Problem problem = read.problem().get();
            diagnostics.addAttributeError(
                    Path.root(FILE),
                    "Invalid elements file",
                    file.asString() + (problem.line() > 0 ? " line " + problem.line() : "") + ": " + problem.detail());
            return plan;
        }
        ElementsFile elements = read.file().orElseThrow();
        if (elements.sourceDigest().equals(before.sourceDigest())) {
            return withComputed(plan, before.count(), before.digest(), before.sourceDigest(), before.change());
        }
        if (agent.isEmpty() || declaration.isEmpty()) {
            // the set's table or type is decided during apply: nothing to ask the host yet
            return withUnknown(plan, Value.string(elements.sourceDigest()), Value.unknown(Type.STRING));
        }
        Optional<ElementsResult> check =
                check(agent.get(), declaration.get(), contributor, elements, before.digest(), diagnostics);
        if (check.isEmpty()) {
            return plan;
        }
        String change = summary(check.get(), before.digest(), elements.sourceDigest());
        diagnostics.addWarning("Elements of " + declaration.get().describe() + " change", change);
        return withUnknown(plan, Value.string(elements.sourceDigest()), Value.string(change));
    }

    /**
     * Writes the file's elements to the host when the plan changes them, and answers the state's file attributes;
     * empty after an error. The file must still hold the planned element set.
     */
    static Optional<Status> apply(
            java.nio.file.Path workingDirectory,
            AgentCalls agent,
            NftSet declaration,
            Status planned,
            Status prior,
            Diagnostics diagnostics) {
        return apply(workingDirectory, agent, declaration, null, planned, prior, diagnostics);
    }

    /** As {@link #apply(AgentCalls, NftSet, Status, Status, Diagnostics)}, for one contributor when not null. */
    static Optional<Status> apply(
            java.nio.file.Path workingDirectory,
            AgentCalls agent,
            NftSet declaration,
            String contributor,
            Status planned,
            Status prior,
            Diagnostics diagnostics) {
        if (!planned.managed()) {
            return Optional.of(Status.none());
        }
        if (planned.sourceDigest() != null && planned.sourceDigest().equals(prior.sourceDigest())) {
            return Optional.of(new Status(
                    planned.file(),
                    planned.sha256(),
                    prior.count(),
                    prior.digest(),
                    prior.sourceDigest(),
                    prior.change()));
        }
        // the file the plan dry-ran, when it still holds those bytes: sent as the plan packed it, without reading it
        Optional<String> packed = planned.sourceDigest() == null
                ? Optional.empty()
                : ElementsFile.knownBytes(workingDirectory, planned.file(), planned.sha256(), planned.sourceDigest())
                        .flatMap(ElementsFile::packed);
        String sourceDigest = planned.sourceDigest();
        ElementsFile elements = null;
        if (packed.isEmpty()) {
            Optional<ElementsFile> read = read(workingDirectory, planned, diagnostics);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            elements = read.get();
            packed = Optional.of(elements.packed());
            sourceDigest = elements.sourceDigest();
        }
        ElementsResult applied;
        try {
            applied = agent.elements(new ElementsParams(
                    declaration, ElementsParams.Action.APPLY, packed.get(), null, null, contributor));
        } catch (AgentException e) {
            // nothing was applied; planned without a dry run (its table was not known yet), a bad line is found now
            if (e.code() == ErrorCode.INVALID && planned.change() == null) {
                ElementsFile named = elements != null
                        ? elements
                        : read(workingDirectory, planned, diagnostics).orElse(null);
                if (named == null
                        || check(agent, declaration, contributor, named, prior.digest(), diagnostics)
                                .isEmpty()) {
                    return Optional.empty();
                }
            }
            throw e;
        }
        String change = planned.change() != null ? planned.change() : summary(applied, prior.digest(), sourceDigest);
        return Optional.of(
                new Status(planned.file(), planned.sha256(), applied.count(), applied.digest(), sourceDigest, change));
    }

    /** The file's elements, as planned; empty after an error (unreadable, or changed since the plan). */
    private static Optional<ElementsFile> read(
            java.nio.file.Path workingDirectory, Status planned, Diagnostics diagnostics) {
        ElementsFile.Result read = ElementsFile.read(workingDirectory, planned.file(), planned.sha256());
        if (read.problem().isPresent()) {
            ElementsFile.Problem problem = read.problem().get();
            diagnostics.addAttributeError(
                    Path.root(FILE),
                    "Invalid elements file",
                    planned.file() + (problem.line() > 0 ? " line " + problem.line() : "") + ": " + problem.detail());
            return Optional.empty();
        }
        ElementsFile elements = read.file().orElseThrow();
        if (planned.sourceDigest() != null && !planned.sourceDigest().equals(elements.sourceDigest())) {
            diagnostics.addAttributeError(
                    Path.root(FILE),
                    "Elements file changed since the plan",
                    planned.file()
                            + " no longer holds the planned elements (" + brief(planned.sourceDigest()) + ", now "
                            + brief(elements.sourceDigest()) + "). Nothing was applied to the set's elements: run "
                            + "terraform plan again.");
            return Optional.empty();
        }
        return Optional.of(elements);
    }

    /**
     * The file attributes as the host has them now, or empty when the host's set still lists what the last apply
     * left: then {@code elements_digest} matches and nothing is sent back but the digest. When it differs, the
     * source digest is cleared (the next plan re-applies the file) and {@code elements_change} says what drifted.
     */
    static Optional<Status> refresh(AgentCalls agent, NftSet declaration, Status current) {
        return refresh(agent, declaration, null, current);
    }

    /**
     * As {@link #refresh(AgentCalls, NftSet, Status)}, for one contributor when not null: the host digests only that
     * contribution's elements, so what others add or remove is never drift for it.
     */
    static Optional<Status> refresh(AgentCalls agent, NftSet declaration, String contributor, Status current) {
        if (!current.managed()) {
            return Optional.empty();
        }
        ElementsResult live = agent.elements(
                new ElementsParams(declaration, ElementsParams.Action.DIGEST, null, null, null, contributor));
        if (!live.exists() || live.digest().equals(current.digest())) {
            return Optional.empty();
        }
        String drift = live.recorded()
                ? String.format(Locale.ROOT, "changed on the host since the last apply: %s", counts(live))
                        + samples(live)
                : "changed on the host since the last apply (" + brief(current.digest()) + " → " + brief(live.digest())
                        + "); the host keeps no record of the last apply to name elements";
        return Optional.of(new Status(current.file(), current.sha256(), live.count(), live.digest(), null, drift));
    }

    /**
     * Deletes the elements {@code contributor} added to the set that are still there (never anyone else's), and has
     * the host forget the contribution.
     */
    static void withdraw(AgentCalls agent, NftSet declaration, String contributor) {
        agent.elements(new ElementsParams(
                declaration, ElementsParams.Action.APPLY, PackedElements.pack(List.of()), null, null, contributor));
    }

    /**
     * The host's dry run of the file's elements: the planned change (relative to the set the state recorded with
     * {@code priorDigest}), or empty after an error naming the line. Terraform's second plan of the resource, right
     * before its apply, may get the first one's answer ({@link AgentCalls#checkElements}).
     */
    private static Optional<ElementsResult> check(
            AgentCalls agent,
            NftSet declaration,
            String contributor,
            ElementsFile elements,
            String priorDigest,
            Diagnostics diagnostics) {
        ElementsResult check = agent.checkElements(
                new ElementsParams(
                        declaration, ElementsParams.Action.CHECK, elements.packed(), null, null, contributor),
                priorDigest);
        if (check.valid()) {
            return Optional.of(check);
        }
        diagnostics.addAttributeError(
                Path.root(FILE),
                "Invalid element in elements file",
                check.invalidIndex() == null
                        ? elements.path() + ": the host's nft refused the elements: " + check.error()
                        : elements.path() + " line " + elements.lineOf(check.invalidIndex()) + ": \""
                                + elements.elements().get(check.invalidIndex()) + "\": " + check.error());
        return Optional.empty();
    }

    /** {@code +1,204 / −37 elements (sha256 3f2a9c0e1b7d → file 9c4e01aa5e2f); adds a, b; removes c}. */
    static String summary(ElementsResult change, String priorDigest, String sourceDigest) {
        return counts(change) + " (" + (priorDigest == null ? "none" : brief(priorDigest)) + " → file "
                + brief(sourceDigest).substring("sha256 ".length()) + ")" + samples(change);
    }

    private static String counts(ElementsResult change) {
        return String.format(Locale.ROOT, "+%,d / \u2212%,d elements", change.added(), change.removed());
    }

    private static String samples(ElementsResult change) {
        StringBuilder text = new StringBuilder();
        sample(text, "adds", change.addedSample(), change.added());
        sample(text, "removes", change.removedSample(), change.removed());
        return text.toString();
    }

    private static void sample(StringBuilder text, String verb, List<String> sample, long total) {
        if (sample.isEmpty()) {
            return;
        }
        text.append("; ").append(verb).append(' ').append(String.join(", ", sample));
        if (total > sample.size()) {
            text.append(", …");
        }
    }

    /** {@code sha256 3f2a9c0e1b7d} from {@code sha256:3f2a9c0e1b7d...}. */
    private static String brief(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return "sha256 " + hex.substring(0, Math.min(SHORT_DIGEST, hex.length()));
    }

    private static Value withComputed(Value plan, Long count, String digest, String sourceDigest, String change) {
        return plan.with(COUNT, count == null ? Value.nullOf(Type.NUMBER) : Value.number(count))
                .with(DIGEST, nullable(digest))
                .with(SOURCE_DIGEST, nullable(sourceDigest))
                .with(CHANGE, nullable(change));
    }

    private static Value withUnknown(Value plan, Value sourceDigest, Value change) {
        return plan.with(COUNT, Value.unknown(Type.NUMBER))
                .with(DIGEST, Value.unknown(Type.STRING))
                .with(SOURCE_DIGEST, sourceDigest)
                .with(CHANGE, change);
    }

    private static Value nullable(String text) {
        return text == null ? Value.nullOf(Type.STRING) : Value.string(text);
    }

    private static String string(Value value, String attribute) {
        Value v = value.get(attribute);
        return v.isKnown() && !v.isNull() ? v.asString() : null;
    }
}
