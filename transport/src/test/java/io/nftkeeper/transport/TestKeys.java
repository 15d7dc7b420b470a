package io.nftkeeper.transport;

import java.util.Base64;

/** Two ed25519 public keys and their fingerprints as {@code ssh-keygen -l -E sha256} printed them. */
final class TestKeys {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHH7OHGOsRNrZJuhxgbXDYBYgxl4VPHRqCB4zsi9d875";
    static final String KEY_FINGERPRINT = "SHA256:Kusymmc2GZgiACSFZdD3lsH5E/eqRN31YXN/nA9B1ZE";
    static final String OTHER_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILdk44v5C6Nj0QilKYYPt8pvwn/97D5Q/kzkdH107S5k";
    static final String OTHER_FINGERPRINT = "SHA256:e4Y6LNK82dv92eKJVMK5fiO/FvyMr1RbzkehogiWxIA";
    static final String PRIVATE_KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n" + "-----END OPENSSH PRIVATE KEY-----\n";

    private TestKeys() {}

    static byte[] blob(String publicKeyLine) {
        return Base64.getDecoder().decode(publicKeyLine.split(" ")[1]);
    }
}
