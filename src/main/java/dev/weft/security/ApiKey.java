package dev.weft.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An API key as configured: only the SHA-256 of the key is kept. A presented key is hashed and
 * compared in constant time, so neither the key nor timing reveals anything.
 *
 * <pre>{@code
 * ApiKey k = new ApiKey("reporting", HexFormat.of().parseHex("9f86d081..."), List.of("analyst"), Map.of("tenant_id", "t1"));
 * k.matches("test")   // true when SHA-256("test") is the configured hash
 * }</pre>
 */
public record ApiKey(String name, byte[] sha256, List<String> roles, Map<String, Object> claims) {
    public ApiKey {
        sha256 = sha256.clone();
        roles = List.copyOf(roles);
        claims = Map.copyOf(claims);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(hash(presented), sha256);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", roles=" + roles + "]"; // never the hash
    }

    /** The hex SHA-256 of a key, as access.yml wants it. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(hash(key));
    }
}
