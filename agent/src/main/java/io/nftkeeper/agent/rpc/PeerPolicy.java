package io.nftkeeper.agent.rpc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may talk to a resident agent, judged on the peer's credentials as the kernel gives them ({@code SO_PEERCRED}):
 * the agent's own user (root), root, and, when the socket has a group, that group's members. The socket file's mode
 * already keeps the others out; this check holds even if someone widens that mode.
 */
public record PeerPolicy(String ownUser, Optional<String> group, Path groupFile) {

    public static PeerPolicy of(Optional<String> group) {
        return new PeerPolicy(System.getProperty("user.name"), group, Path.of("/etc/group"));
    }

    boolean allows(String user, String primaryGroup) {
        if (user.equals(ownUser) || user.equals("root")) {
            return true;
        }
        if (group.isEmpty()) {
            return false;
        }
        return group.get().equals(primaryGroup) || members(group.get()).contains(user);
    }

    /** The supplementary members of {@code name} in /etc/group ({@code name:x:gid:user1,user2}). */
    private List<String> members(String name) {
        try {
            return Files.readAllLines(groupFile).stream()
                    .map(line -> line.split(":", -1))
                    .filter(fields -> fields.length >= 4 && fields[0].equals(name))
                    .findFirst()
                    .map(fields -> Arrays.asList(fields[3].split(",")))
                    .orElse(List.of());
        } catch (IOException e) {
            return List.of();
        }
    }
}
