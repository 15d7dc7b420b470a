package io.nftkeeper.transport;

import java.nio.file.Path;

/**
 * Shell checks that let the agent start only from files nobody but root (or, without sudo, the SSH user itself) can
 * have written. The agent runs as root: whoever can write its directory, a parent of it, its jar or its class-data
 * archive could run code as root. So {@code agent_dir} and every parent, followed literally and through symlinks,
 * must be owned by root (or the SSH user without sudo) and not writable by group or others (a root-owned sticky
 * parent such as {@code /tmp} is fine: nobody else may rename or remove what is in it); then the jar's sha256 and
 * the archive's, recorded when it was made, are checked in the same command that starts java. Verify-then-exec is
 * sound only because of the first check: between the two nobody else can replace the files.
 */
final class TrustedAgentFiles {

    /** The exit status of a refused check; its message is on stderr as an agent start-up error line. */
    static final int EXIT_UNTRUSTED = 5;

    static final String ERROR_PREFIX = "[nftkeeper-agent] ERROR ";
    static final String WARNING_PREFIX = "[nftkeeper-agent] WARN ";

    private TrustedAgentFiles() {}

    /** The file next to an archive that holds the archive's sha256 as {@code sha256sum} prints it for stdin. */
    static String recordOf(String archive) {
        return archive + ".sha256";
    }

    /**
     * Defines the shell functions the other snippets use. With {@code sudo} only root is trusted: the SSH user is not
     * root, and a directory it could write would make it root.
     */
    static String functions(boolean sudo) {
        String trusted = sudo ? "root" : "root or by $(id -un)";
        return "nk_no() { echo \"" + ERROR_PREFIX + "$*\" >&2; exit " + EXIT_UNTRUSTED + "; }; "
                + "nk_me=" + (sudo ? "0" : "$(id -u)") + "; "
                + "nk_stat() { nk_s=$(stat -L -c '%u %a %U' -- \"$1\" 2>/dev/null) || nk_no \"$1 does not exist "
                + "or cannot be read\"; nk_uid=${nk_s%% *}; nk_s=${nk_s#* }; nk_mode=${nk_s%% *}; nk_owner=${nk_s#* }; }; "
                + "nk_unsafe() { nk_no \"$1 is not safe to run the agent from: $2. The agent runs as root from "
                + "agent_dir, so whoever can write it or a parent directory could run code as root. Make agent_dir and "
                + "each of its parents owned by " + trusted + " and not writable by group or others "
                + "(e.g. chown root: $1 && chmod go-w $1)"
                + (sudo ? "; with sudo = true root installs the agent " + "there" : "") + "\"; }; "
                + "nk_owned() { [ \"$nk_uid\" = 0 ] || [ \"$nk_uid\" = \"$nk_me\" ] || nk_unsafe \"$1\" \"it is owned "
                + "by $nk_owner (uid $nk_uid), not by " + trusted + "\"; }; "
                // $2 = parent: a root-owned sticky directory may be writable by others
                + "nk_dir() { nk_stat \"$1\"; nk_owned \"$1\"; [ $((0$nk_mode & 022)) = 0 ] || { [ \"$2\" = parent ] "
                + "&& [ \"$nk_uid\" = 0 ] && [ $((0$nk_mode & 01000)) != 0 ]; } || nk_unsafe \"$1\" \"it is "
                + "writable by group or others (mode $nk_mode)\"; }; "
                + "nk_walk() { nk_p=$1; nk_dir \"$nk_p\" leaf; while [ \"$nk_p\" != / ]; do nk_p=${nk_p%/*}; "
                + "[ -n \"$nk_p\" ] || nk_p=/; nk_dir \"$nk_p\" parent; done; }; "
                + runtimeFunction()
                + "nk_file() { [ -e \"$1\" ] || [ -L \"$1\" ] || nk_no \"$1 does not exist\"; { [ -f \"$1\" ] && [ ! -L \"$1\" ]; } || nk_unsafe \"$1\" \"it is not a regular file\"; "
                + "nk_stat \"$1\"; nk_owned \"$1\"; [ $((0$nk_mode & 022)) = 0 ] || nk_unsafe \"$1\" \"it is writable "
                + "by group or others (mode $nk_mode)\"; }; ";
    }

    /** Refuses unless {@code directory} exists and it and its parents, literal and resolved, are trusted. */
    static String requireTrustedDirectory(String directory) {
        String literal = ShellQuote.quote(normalized(directory));
        return "[ -d " + literal + " ] || nk_no \"agent_dir \"" + literal + "\" does not exist; create it as root: "
                + "install -d -o root -g root -m 0755 \"" + literal + "; "
                + "nk_walk " + literal + "; nk_c=$(cd -P -- " + literal + " && pwd -P) && nk_walk \"$nk_c\"; ";
    }

    /** Refuses unless the jar is a trusted file with this sha256. */
    static String requireIntactJar(String jar, String sha256) {
        String jarFile = ShellQuote.quote(jar);
        return "nk_file " + jarFile + "; [ \"$(sha256sum < " + jarFile + ")\" = " + ShellQuote.quote(sha256 + "  -")
                + " ] || nk_no \"the agent jar \"" + jarFile + "\" is not the one this provider installed (its sha256 "
                + "is not " + sha256 + "); remove it and the provider installs it again\"; ";
    }

    /**
     * Defines {@code nk_runtime DIR SHA256}: true when DIR is an unpacked bundled runtime that can be trusted as a
     * whole, else false with the reason in {@code nk_why}. Every entry must be a regular file or directory (no links,
     * so nothing leads out of it), owned like agent_dir's files and not writable by group or others; its manifest
     * must have this sha256 and list exactly the files there are, each with its sha256. Hashing it all takes about
     * 0.2 s of CPU, paid only by hosts that run the bundled runtime.
     */
    private static String runtimeFunction() {
        return "nk_runtime() { nk_why=; { [ -d \"$1\" ] && [ ! -L \"$1\" ]; } || { nk_why=\"it does not exist\"; "
                + "return 1; }; nk_bad=$(find \"$1\" \\( -type l -o \\( ! -type f ! -type d \\) -o -perm /022 "
                + "-o \\( ! -uid 0 ! -uid \"$nk_me\" \\) \\) -print -quit 2>/dev/null); [ -z \"$nk_bad\" ] || { "
                + "nk_why=\"$nk_bad is a link or a special file, writable by group or others, or owned by another "
                + "user\"; return 1; }; "
                + "[ \"$(sha256sum < \"$1/" + AgentRuntime.MANIFEST + "\" 2>/dev/null)\" = \"$2  -\" ] || { "
                + "nk_why=\"its " + AgentRuntime.MANIFEST + " is not the one of this runtime\"; return 1; }; "
                + "[ \"$(cd \"$1\" && find . -type f ! -path ./" + AgentRuntime.MANIFEST + " | LC_ALL=C sort)\" = "
                + "\"$(cut -c67- \"$1/" + AgentRuntime.MANIFEST + "\")\" ] || { nk_why=\"it holds other files than "
                + "its " + AgentRuntime.MANIFEST + " lists\"; return 1; }; "
                + "(cd \"$1\" && sha256sum -c --quiet --strict " + AgentRuntime.MANIFEST + " >/dev/null 2>&1) || { "
                + "nk_why=\"a file differs from its sha256 in " + AgentRuntime.MANIFEST + "\"; return 1; }; }; ";
    }

    /**
     * Refuses unless {@code java} is not a bundled runtime's (the host's own java is the operator's to trust) or
     * its runtime passes {@code nk_runtime}.
     */
    static String requireIntactRuntime(String java) {
        return AgentRuntime.directoryOfJava(java)
                .map(directory -> {
                    String quoted = ShellQuote.quote(directory);
                    return "nk_runtime " + quoted + " " + AgentRuntime.sha256OfDirectory(directory) + " || nk_no \"the "
                            + "agent's Java runtime \"" + quoted
                            + "\" cannot be used: $nk_why. Remove it and the provider "
                            + "installs it again\"; ";
                })
                .orElse("");
    }

    /**
     * Refuses unless the archive, if there is a non-empty one, is a trusted file whose sha256 is the one recorded when
     * it was made (an empty archive marks one that could not be made: the JVM then starts without it).
     */
    static String requireIntactArchive(String archive) {
        String archiveFile = ShellQuote.quote(archive);
        String record = ShellQuote.quote(recordOf(archive));
        return "if [ -e " + archiveFile + " ] || [ -L " + archiveFile + " ]; then nk_file " + archiveFile + "; "
                + "if [ -s " + archiveFile + " ]; then nk_file " + record + "; "
                + "[ \"$(sha256sum < " + archiveFile + ")\" = \"$(cat " + record + ")\" ] || nk_no \"the class-data "
                + "archive \"" + archiveFile + "\" is not the one made for this agent (its sha256 differs from the one "
                + "recorded in \"" + record + "\" when it was made); it was not loaded. Remove it and the provider "
                + "makes it again\"; fi; fi; ";
    }

    /**
     * Sets {@code nk_cds} to the JVM option that maps the archive if there is a non-empty one whose sha256 is the one
     * recorded when it was made, else to {@code -Xshare:auto} (the JVM's own archive): a mismatch, e.g. two bootstraps
     * that replaced the archive and its record at the same time, starts the agent without it, says so on stderr and
     * never maps it; the next connection's probe makes it again. An untrusted file is refused as always. (With sudo,
     * the one command sudoers allows names the archive: {@link #requireIntactArchive} refuses there instead.)
     */
    static String archiveOption(String archive) {
        String archiveFile = ShellQuote.quote(archive);
        String record = ShellQuote.quote(recordOf(archive));
        return "nk_cds=-Xshare:auto; if [ -e " + archiveFile + " ] || [ -L " + archiveFile + " ]; then nk_file "
                + archiveFile + "; if [ -s " + archiveFile + " ]; then "
                + "if [ -e " + record + " ] || [ -L " + record + " ]; then nk_file " + record + "; fi; "
                + "if [ \"$(sha256sum < " + archiveFile + ")\" = \"$(cat " + record + " 2>/dev/null)\" ]; then "
                + "nk_cds=" + ShellQuote.quote("-XX:SharedArchiveFile=" + archive) + "; else echo \""
                + WARNING_PREFIX + "the class-data archive \"" + archiveFile + "\" is not the one recorded in \""
                + record + "\"; it was not loaded, the agent starts without it\" >&2; fi; fi; fi; ";
    }

    /** The directory without a trailing slash, doubled slashes or dot segments, so the walk up ends at {@code /}. */
    static String normalized(String directory) {
        return Path.of(directory).normalize().toString();
    }
}
