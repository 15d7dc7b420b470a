package io.nftkeeper.framework.schema;

import io.nftkeeper.framework.path.Path;
import io.nftkeeper.framework.types.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cross-attribute rules by path, relative to the object the schema describes, e.g.
 * {@code ConfigValidators.exactlyOneOf(Path.root("cidr"), Path.root("range"))}. Unknown values count as set
 * for "at least" rules and are never reported, since they may still turn out either way.
 */
public final class ConfigValidators {
    private ConfigValidators() {}

    /** At most one of {@code paths} may be set. */
    public static ConfigValidator conflictsWith(Path... paths) {
        List<Path> all = List.of(paths);
        return (path, object, diagnostics) -> {
            List<Path> set = all.stream().filter(p -> isSet(object.at(p))).toList();
            if (set.size() > 1) {
                set.forEach(p -> diagnostics.addAttributeError(
                        join(path, p),
                        "Conflicting attributes",
                        "Only one of " + names(all) + " may be set; this configuration sets " + names(set) + "."));
            }
        };
    }

    /** Exactly one of {@code paths} must be set. */
    public static ConfigValidator exactlyOneOf(Path... paths) {
        ConfigValidator conflicts = conflictsWith(paths);
        ConfigValidator atLeastOne = atLeastOneOf(paths);
        return (path, object, diagnostics) -> {
            conflicts.validate(path, object, diagnostics);
            atLeastOne.validate(path, object, diagnostics);
        };
    }

    /** At least one of {@code paths} must be set (or unknown). */
    public static ConfigValidator atLeastOneOf(Path... paths) {
        List<Path> all = List.of(paths);
        return (path, object, diagnostics) -> {
            boolean any = all.stream().map(object::at).anyMatch(v -> isSet(v) || (v != null && v.isUnknown()));
            if (!any) {
                diagnostics.addAttributeError(
                        path.isEmpty() ? all.get(0) : path, "Missing attribute", "Set one of " + names(all) + ".");
            }
        };
    }

    /** When one of {@code paths} is set, all must be. */
    public static ConfigValidator requiredTogether(Path... paths) {
        List<Path> all = List.of(paths);
        return (path, object, diagnostics) -> {
            List<Path> missing = all.stream().filter(p -> isNull(object.at(p))).toList();
            if (!missing.isEmpty() && missing.size() < all.size()) {
                missing.forEach(p -> diagnostics.addAttributeError(
                        join(path, p), "Missing attribute", names(all) + " must be set together."));
            }
        };
    }

    private static boolean isSet(Value v) {
        return v != null && v.isKnown() && !v.isNull();
    }

    private static boolean isNull(Value v) {
        return v == null || v.isNull();
    }

    private static Path join(Path base, Path relative) {
        List<Path.Step> steps = new java.util.ArrayList<>(base.steps());
        steps.addAll(relative.steps());
        return Path.of(steps);
    }

    private static String names(List<Path> paths) {
        return paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
    }
}
