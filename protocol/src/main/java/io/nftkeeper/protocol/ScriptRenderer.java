package io.nftkeeper.protocol;

import java.util.List;

/**
 * Renders one command as nft script text, appending to a caller's builder so that a whole transaction (possibly a
 * set of 100k elements) is written into one buffer sized once. Every value it writes was validated when its object
 * was constructed.
 */
final class ScriptRenderer {

    private static final int LINE_OVERHEAD = 96;

    private ScriptRenderer() {}

    /** Why {@code verb} cannot apply to {@code object}, or null when it can. */
    static String refusal(Verb verb, NftObject object) {
        if (verb == Verb.INSERT && !(object instanceof Rule)) {
            return "only rules can be inserted (" + object.describe() + ")";
        }
        if (object instanceof Rule rule) {
            if (verb == Verb.DELETE && rule.handle() == null) {
                return "deleting " + rule.describe() + " needs its handle (list the chain to learn it)";
            }
            if (verb == Verb.DESTROY || verb == Verb.FLUSH) {
                return "rules cannot be " + (verb == Verb.FLUSH ? "flushed" : "destroyed") + "; delete them by "
                        + "handle or flush their chain (" + rule.describe() + ")";
            }
        }
        if ((object instanceof Counter || object instanceof Quota || object instanceof Limit) && verb == Verb.FLUSH) {
            return "named counters, quotas and limits cannot be flushed (" + object.describe() + ")";
        }
        if (object instanceof NamedObject named && verb == Verb.FLUSH) {
            return named.kind() + " objects cannot be flushed (" + named.describe() + ")";
        }
        if (object instanceof Element element && verb == Verb.FLUSH) {
            return "elements cannot be flushed; flush their set instead (" + element.describe() + ")";
        }
        return null;
    }

    /** An upper bound for the common case, so the builder rarely grows; exactness is not needed. */
    static int estimatedLength(Verb verb, NftObject object) {
        int length = LINE_OVERHEAD + object.describe().length();
        if (object instanceof Rule rule) {
            length += rule.expr().length()
                    + (rule.comment() == null ? 0 : rule.comment().length() + 12);
        } else if (object instanceof NftSet set) {
            length += valuesLength(set.elements())
                    + (set.typeof() == null ? 0 : set.typeof().length());
        } else if (object instanceof NftMap map) {
            length += valuesLength(map.elements()) + map.typeClause().length();
        } else if (object instanceof Element element) {
            length += valuesLength(element.values());
        }
        return verb == Verb.DESTROY ? 2 * length : length;
    }

    static void append(StringBuilder out, Verb verb, NftObject object) {
        switch (verb) {
            case ADD -> add(out, object);
            case INSERT -> {
                out.append("insert ");
                rule(out, (Rule) object);
            }
            case DELETE -> line(out, "delete ", object);
            case FLUSH -> line(out, "flush ", object);
            // nft 1.0.6 has no destroy: adding first makes the delete succeed whether or not the object existed,
            // and both run in the same batch, so no one ever sees the intermediate state.
            case DESTROY -> {
                if (object instanceof NftSet set) {
                    add(out, set.withoutElements());
                } else if (object instanceof NftMap map) {
                    add(out, map.withoutElements());
                } else if (object instanceof Chain chain) {
                    line(out, "add ", Chain.regular(chain.table(), chain.name()));
                } else {
                    add(out, object);
                }
                line(out, "delete ", object);
            }
        }
    }

    private static void add(StringBuilder out, NftObject object) {
        out.append("add ");
        if (object instanceof Table table) {
            table(out, table);
        } else if (object instanceof Chain chain) {
            out.append(chain.describe());
            if (chain.base() != null) {
                out.append(" { ").append(chain.base().render()).append(" }");
            }
        } else if (object instanceof Rule rule) {
            rule(out, rule);
            return;
        } else if (object instanceof NftSet set) {
            set(out, set);
        } else if (object instanceof NftMap map) {
            map(out, map);
        } else if (object instanceof Element element) {
            line(out, "", element);
            return;
        } else if (object instanceof Counter counter) {
            out.append(counter.describe());
        } else if (object instanceof Quota quota) {
            out.append(quota.describe())
                    .append(" { ")
                    .append(quota.over() ? "over " : "")
                    .append(quota.bytes())
                    .append(" bytes; }");
        } else if (object instanceof Limit limit) {
            out.append(limit.describe())
                    .append(" { ")
                    .append(limit.renderRate())
                    .append("; }");
        } else if (object instanceof NamedObject named) {
            out.append(named.describe()).append(' ').append(named.body());
        }
        out.append('\n');
    }

    /** The rule and its position: {@code rule inet web input [handle 7] tcp dport 22 accept}, a line. */
    private static void rule(StringBuilder out, Rule rule) {
        out.append(rule.describe()).append(' ').append(rule.expr());
        if (rule.comment() != null) {
            out.append(" comment \"").append(rule.comment()).append('"');
        }
        out.append('\n');
    }

    private static void line(StringBuilder out, String verb, NftObject object) {
        out.append(verb).append(object.describe());
        if (object instanceof Element element) {
            out.append(' ');
            values(out, element.values());
        }
        out.append('\n');
    }

    private static void table(StringBuilder out, Table table) {
        out.append(table.describe());
        if (table.flags().isEmpty() && table.comment() == null) {
            return;
        }
        out.append(" { ");
        if (!table.flags().isEmpty()) {
            out.append("flags ");
            for (int i = 0; i < table.flags().size(); i++) {
                out.append(i == 0 ? "" : ",").append(table.flags().get(i).nftName());
            }
            out.append("; ");
        }
        if (table.comment() != null) {
            out.append("comment \"").append(table.comment()).append("\"; ");
        }
        out.append('}');
    }

    private static void map(StringBuilder out, NftMap map) {
        out.append(map.describe()).append(" { ").append(map.typeClause()).append("; ");
        properties(out, map.flags(), map.timeoutMs(), map.size(), map.policy());
        if (!map.elements().isEmpty()) {
            out.append("elements = ");
            values(out, map.elements());
            out.append("; ");
        }
        out.append('}');
    }

    private static void properties(
            StringBuilder out, List<SetFlag> flags, Long timeoutMs, Long size, SetPolicy policy) {
        if (!flags.isEmpty()) {
            out.append("flags ");
            for (int i = 0; i < flags.size(); i++) {
                out.append(i == 0 ? "" : ",").append(flags.get(i).nftName());
            }
            out.append("; ");
        }
        if (timeoutMs != null) {
            long ms = timeoutMs;
            out.append("timeout ")
                    .append(ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms")
                    .append("; ");
        }
        if (size != null) {
            out.append("size ").append(size).append("; ");
        }
        if (policy != null) {
            out.append("policy ").append(policy.nftName()).append("; ");
        }
    }

    private static void set(StringBuilder out, NftSet set) {
        out.append(set.describe()).append(" { ");
        if (set.typeof() != null) {
            out.append("typeof ").append(set.typeof()).append("; ");
        } else {
            out.append("type ").append(String.join(" . ", set.type())).append("; ");
        }
        properties(out, set.flags(), set.timeoutMs(), set.size(), set.policy());
        if (set.autoMerge()) { // never null: the record normalises it
            out.append("auto-merge; ");
        }
        if (!set.elements().isEmpty()) {
            out.append("elements = ");
            values(out, set.elements());
            out.append("; ");
        }
        out.append('}');
    }

    private static void values(StringBuilder out, List<String> values) {
        out.append("{ ");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(values.get(i));
        }
        out.append(" }");
    }

    private static int valuesLength(List<String> values) {
        long sum = 0;
        for (String value : values) {
            sum += value.length() + 2;
        }
        return (int) Math.min(sum, Integer.MAX_VALUE - 4096);
    }
}
