package io.nftkeeper.framework.path;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable path into a value, e.g. {@code Path.root("rule").atIndex(2).atName("expr")}, so diagnostics
 * land on the exact spot of the user's configuration.
 */
public final class Path {

    /** One step of a path. */
    public sealed interface Step permits AttributeName, ElementKey, ElementIndex {}

    /** Selects an attribute (or nested block) of an object by name. */
    public record AttributeName(String name) implements Step {
        public AttributeName {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Selects an element of a map by key. */
    public record ElementKey(String key) implements Step {
        public ElementKey {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Selects an element of a list or tuple by position. */
    public record ElementIndex(long index) implements Step {}

    private static final Path EMPTY = new Path(List.of());

    private final List<Step> steps;

    private Path(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The path of the whole value (no steps). */
    public static Path empty() {
        return EMPTY;
    }

    public static Path root(String attributeName) {
        return EMPTY.atName(attributeName);
    }

    public static Path of(List<Step> steps) {
        return new Path(steps);
    }

    public Path atName(String attributeName) {
        return append(new AttributeName(attributeName));
    }

    public Path atIndex(long index) {
        return append(new ElementIndex(index));
    }

    public Path atKey(String key) {
        return append(new ElementKey(key));
    }

    public List<Step> steps() {
        return steps;
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    private Path append(Step step) {
        List<Step> longer = new ArrayList<>(steps);
        longer.add(step);
        return new Path(longer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path other && steps.equals(other.steps);
    }

    @Override
    public int hashCode() {
        return steps.hashCode();
    }

    /** Renders the path the way HCL addresses it: {@code rule[2].expr}, {@code tags["env"]}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            if (step instanceof AttributeName a) {
                out.append(out.isEmpty() ? "" : ".").append(a.name());
            } else if (step instanceof ElementKey k) {
                out.append("[\"").append(k.key()).append("\"]");
            } else if (step instanceof ElementIndex i) {
                out.append('[').append(i.index()).append(']');
            }
        }
        return out.toString();
    }
}
