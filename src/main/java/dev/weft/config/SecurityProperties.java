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
 *       issuer: https://idp.example       # optional: every token's iss must be this
 *       audiences: [weft-api]             # optional: every token's aud must contain one of these
 *       claims-namespace: https://hasura.io/jwt/claims   # or claims-namespace-path: $.hasura.claims
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

    /**
     * {@code weft.security.jwt.*}: where the verification keys come from, the role claim, where the
     * caller's claims sit in a token (a top-level key, or a claim path; both null for the top level),
     * the claim naming the default role (null: the first role), and the {@code iss} and {@code aud}
     * every token must carry (when set).
     */
    public record Jwt(String hmacSecret, String jwkSetUri, String issuerUri, String roleClaim, String claimsNamespace,
                      String claimsNamespacePath, String defaultRoleClaim, String issuer, java.util.List<String> audiences) {
        public boolean isEmpty() {
            return blank(hmacSecret) && blank(jwkSetUri) && blank(issuerUri) && blank(roleClaim) && blank(claimsNamespace)
                    && blank(claimsNamespacePath) && blank(defaultRoleClaim)
                    && blank(issuer) && (audiences == null || audiences.isEmpty());
        }

        @Override
        public String toString() {
            return "Jwt[hmacSecret=" + (hmacSecret == null ? "(none)" : "****") + ", jwkSetUri=" + jwkSetUri
                    + ", issuerUri=" + issuerUri + ", roleClaim=" + roleClaim + ", claimsNamespace=" + claimsNamespace
                    + ", claimsNamespacePath=" + claimsNamespacePath + ", defaultRoleClaim=" + defaultRoleClaim
                    + ", issuer=" + issuer + ", audiences=" + audiences + "]";
        }
    }
}
