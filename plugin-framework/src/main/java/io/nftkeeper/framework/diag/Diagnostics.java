package io.nftkeeper.framework.diag;

import io.nftkeeper.framework.path.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Problems a user can cause and fix, reported to Terraform. Exceptions are for bugs; these are for users.
 * Not thread-safe: each request gets its own.
 */
public final class Diagnostics implements Iterable<Diagnostic> {
    private final List<Diagnostic> all = new ArrayList<>();

    public void addError(String summary, String detail) {
        add(new Diagnostic(Diagnostic.Severity.ERROR, summary, detail, null));
    }

    public void addWarning(String summary, String detail) {
        add(new Diagnostic(Diagnostic.Severity.WARNING, summary, detail, null));
    }

    public void addAttributeError(Path path, String summary, String detail) {
        add(new Diagnostic(Diagnostic.Severity.ERROR, summary, detail, path));
    }

    public void addAttributeWarning(Path path, String summary, String detail) {
        add(new Diagnostic(Diagnostic.Severity.WARNING, summary, detail, path));
    }

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public void addAll(Diagnostics other) {
        all.addAll(other.all);
    }

    public boolean hasError() {
        return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public List<Diagnostic> asList() {
        return List.copyOf(all);
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return asList().iterator();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
