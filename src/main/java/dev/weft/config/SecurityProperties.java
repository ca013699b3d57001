package dev.weft.config;

/**
 * The raw {@code weft.security.*} configuration as bound from Spring's environment (README, "Security");
 * every field may be null. {@link SecuritySettings#check} validates it together with access.yml.
 *
 * <pre>{@code
 * weft:
 *   security:
 *     access: access.yml               # default: access.yml in the working directory, if present
 *     anonymous-role: anonymous        # omit it and requests without credentials get 401
 *     jwt:
 *       hmac-secret: ${WEFT_JWT_SECRET}   # or jwk-set-uri / issuer-uri
 *       role-claim: role                  # a claim path; a list claim gives several roles
 * }</pre>
 */
// One constructor only: Spring's binder binds a record through its single constructor.
public record SecurityProperties(String access, String anonymousRole, Jwt jwt) {
    /** Nothing set. */
    public static final SecurityProperties NONE = new SecurityProperties(null, null, null);

    /** Whether any {@code weft.security.*} key is set. */
    public boolean isEmpty() {
        return blank(access) && blank(anonymousRole) && (jwt == null || jwt.isEmpty());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** {@code weft.security.jwt.*}: where the verification keys come from, and the role claim. */
    public record Jwt(String hmacSecret, String jwkSetUri, String issuerUri, String roleClaim) {
        public boolean isEmpty() {
            return blank(hmacSecret) && blank(jwkSetUri) && blank(issuerUri) && blank(roleClaim);
        }

        @Override
        public String toString() {
            return "Jwt[hmacSecret=" + (hmacSecret == null ? "(none)" : "****") + ", jwkSetUri=" + jwkSetUri
                    + ", issuerUri=" + issuerUri + ", roleClaim=" + roleClaim + "]";
        }
    }
}
