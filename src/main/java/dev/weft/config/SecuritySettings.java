package dev.weft.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code weft.security.*} and access.yml checked together (README, "Security"): how callers authenticate,
 * and the roles and API keys they may hold. Present only when access control is configured.
 *
 * <p>Which access.yml: the file {@code weft.security.access} names (it must exist), else
 * {@code access.yml} in the working directory if present, else, for the embedded demo only (no
 * services and no {@code weft.security.*} configured), {@code classpath:demo/access.yml}. With none,
 * there is no access control, and any {@code weft.security.*} setting is a problem.
 *
 * <p>Checked, every problem at once: at most one source of JWT keys ({@code hmac-secret},
 * {@code jwk-set-uri}, {@code issuer-uri}), an HMAC secret of at least 32 bytes, an {@code issuer}
 * that agrees with {@code issuer-uri}, no empty {@code audiences} entry, http(s) URLs, the
 * syntax of {@code role-claim}, {@code claims-namespace-path} and {@code default-role-claim} ({@link ClaimPath}), at most one of
 * {@code claims-namespace} and {@code claims-namespace-path}, an {@code anonymous-role} that access.yml
 * defines, and access.yml's own form ({@link AccessFile}).
 *
 * @param file where access.yml was read, for messages
 * @param anonymousRole the role of requests without credentials, or null (they get 401)
 * @param jwt how bearer tokens are verified, or null when they are not accepted
 * @param demo whether this is the embedded demo's access.yml
 */
public record SecuritySettings(String file, AccessSpec access, String anonymousRole, JwtSettings jwt, boolean demo) {
    /** access.yml in the working directory. */
    public static final String DEFAULT_PATH = "access.yml";
    /** The embedded demo's access.yml, on the classpath. */
    public static final String DEMO_RESOURCE = "demo/access.yml";
    private static final int MIN_HMAC_BYTES = 32;

    /**
     * Bearer tokens: verified with an HMAC secret, the keys of a JWK set, or the JWK set an OpenID
     * issuer publishes (its tokens' {@code iss} must then be that issuer); the caller's claims are under
     * {@code claimsNamespace} (null: the token's top level), and its roles at {@code roleClaim} within
     * them, the default one at {@code defaultRoleClaim} (null: the first). When {@code issuer} is set,
     * {@code iss} must equal it; when {@code audiences} is not empty, {@code aud} must contain one of
     * them (a token without {@code aud} is refused).
     */
    public record JwtSettings(Secret hmacSecret, String jwkSetUri, String issuerUri, ClaimPath roleClaim,
                              ClaimPath claimsNamespace, ClaimPath defaultRoleClaim, String issuer, List<String> audiences) {
        public JwtSettings {
            audiences = List.copyOf(audiences);
            Redaction.register(hmacSecret == null ? null : hmacSecret.value());
        }

        /**
         * The HMAC algorithms the secret is long enough for, as RFC 7518 requires a key at least as long
         * as the hash: HS256 from 32 bytes, HS384 from 48, HS512 from 64. A token signed with another
         * algorithm is refused (401). Example: a 40-byte secret accepts {@code [HS256]} only.
         */
        public List<String> hmacAlgorithms() {
            int bytes = hmacSecret.isPresent() ? hmacSecret.value().getBytes(StandardCharsets.UTF_8).length : 0;
            return bytes >= 64 ? List.of("HS256", "HS384", "HS512") : bytes >= 48 ? List.of("HS256", "HS384")
                    : bytes >= MIN_HMAC_BYTES ? List.of("HS256") : List.of();
        }
    }

    /** The settings (empty: no access control, or problems) and every problem found. */
    public record Validation(Optional<SecuritySettings> settings, List<ConfigProblem> problems) {
        public Validation {
            problems = List.copyOf(problems);
        }
    }

    /**
     * Checks {@code properties} and reads access.yml.
     *
     * @param noServices whether no {@code weft.services} are configured (the embedded demo)
     * @param directory where relative paths start (the working directory)
     */
    public static Validation check(SecurityProperties properties, boolean noServices, Path directory, ConfigOrigins origins) {
        SecurityProperties p = properties == null ? SecurityProperties.NONE : properties;
        List<ConfigProblem> problems = new ArrayList<>();
        JwtSettings jwt = jwt(p.jwt(), origins, problems);
        boolean explicit = !SecurityProperties.blank(p.access());
        Path path = directory.resolve(explicit ? p.access() : DEFAULT_PATH);
        String file = path.toString();
        AccessSpec spec = null;
        boolean demo = false;
        if (Files.isRegularFile(path)) {
            try (Reader reader = Files.newBufferedReader(path)) {
                spec = AccessFile.parse(file, reader);
            } catch (WeftConfigException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(problem(origins, "weft.security.access", "cannot read the access file '" + file + "': " + e.getMessage()));
            }
        } else if (explicit) {
            problems.add(problem(origins, "weft.security.access", "the access file '" + path.toAbsolutePath() + "' does not exist"));
        } else if (!p.isEmpty()) {
            problems.add(problem(origins, firstKey(p), "weft.security settings need an access.yml with the roles and API keys,"
                    + " and there is none at '" + path.toAbsolutePath() + "'; create it or set weft.security.access"));
        } else if (noServices) {
            file = "classpath:" + DEMO_RESOURCE;
            try (Reader reader = demoAccess()) {
                spec = AccessFile.parse(file, reader);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            demo = true;
        } else {
            return new Validation(Optional.empty(), problems);
        }
        String anonymous = SecurityProperties.blank(p.anonymousRole()) ? null : p.anonymousRole();
        if (spec != null && anonymous != null && spec.roles().stream().noneMatch(r -> r.name().equals(anonymous))) {
            problems.add(problem(origins, "weft.security.anonymous-role", "role '" + anonymous + "' is not defined in "
                    + file + "; its roles are " + spec.roles().stream().map(AccessSpec.RoleSpec::name).toList()));
        }
        if (!problems.isEmpty()) {
            return new Validation(Optional.empty(), problems);
        }
        return new Validation(Optional.of(new SecuritySettings(file, spec, anonymous, jwt, demo)), problems);
    }

    private static JwtSettings jwt(SecurityProperties.Jwt jwt, ConfigOrigins origins, List<ConfigProblem> problems) {
        if (jwt == null || jwt.isEmpty()) {
            return null;
        }
        List<String> sources = new ArrayList<>();
        if (!SecurityProperties.blank(jwt.hmacSecret())) {
            sources.add("hmac-secret");
            int bytes = jwt.hmacSecret().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < MIN_HMAC_BYTES) {
                problems.add(problem(origins, "weft.security.jwt.hmac-secret", "must be at least " + MIN_HMAC_BYTES
                        + " bytes (256 bits) long, as HS256 requires; it has " + bytes));
            }
        }
        url(jwt.jwkSetUri(), "jwk-set-uri", sources, origins, problems);
        url(jwt.issuerUri(), "issuer-uri", sources, origins, problems);
        if (sources.size() > 1) {
            problems.add(problem(origins, "weft.security.jwt." + sources.get(1), "set only one of weft.security.jwt.hmac-secret,"
                    + " jwk-set-uri and issuer-uri; " + String.join(" and ", sources) + " are set"));
        }
        if (sources.isEmpty()) {
            String key = SecurityProperties.blank(jwt.roleClaim()) && !SecurityProperties.blank(jwt.issuer())
                    ? "weft.security.jwt.issuer" : "weft.security.jwt.role-claim";
            problems.add(problem(origins, key, "bearer-token settings need a source of token keys:"
                    + " set weft.security.jwt.hmac-secret, jwk-set-uri or issuer-uri"));
        }
        String issuer = blankToNull(jwt.issuer());
        if (issuer != null && !SecurityProperties.blank(jwt.issuerUri()) && !issuer.equals(jwt.issuerUri().strip())) {
            problems.add(problem(origins, "weft.security.jwt.issuer", "is '" + issuer + "' but issuer-uri is '"
                    + jwt.issuerUri().strip() + "', and its tokens' iss must be the issuer-uri: leave issuer out or make them equal"));
        }
        List<String> audiences = jwt.audiences() == null ? List.of() : jwt.audiences().stream().map(String::strip).toList();
        if (audiences.stream().anyMatch(String::isEmpty)) {
            problems.add(problem(origins, "weft.security.jwt.audiences", "has an empty entry; list the audiences a token may"
                    + " carry in aud, e.g. [weft-api]"));
        }
        String claim = SecurityProperties.blank(jwt.roleClaim()) ? ClaimPath.DEFAULT : jwt.roleClaim();
        ClaimPath path = claimPath(claim, "role-claim", "role, realm_access.roles, [\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"]",
                origins, problems);
        return new JwtSettings(new Secret(SecurityProperties.blank(jwt.hmacSecret()) ? null : jwt.hmacSecret()),
                blankToNull(jwt.jwkSetUri()), blankToNull(jwt.issuerUri()), path, namespace(jwt, origins, problems),
                claimPath(jwt.defaultRoleClaim(), "default-role-claim", "x-hasura-default-role", origins, problems),
                issuer, audiences);
    }

    /** {@code claims-namespace} (a key, taken as written) or {@code claims-namespace-path} (a claim path), not both. */
    private static ClaimPath namespace(SecurityProperties.Jwt jwt, ConfigOrigins origins, List<ConfigProblem> problems) {
        if (!SecurityProperties.blank(jwt.claimsNamespace()) && !SecurityProperties.blank(jwt.claimsNamespacePath())) {
            problems.add(problem(origins, "weft.security.jwt.claims-namespace-path", "set only one of"
                    + " weft.security.jwt.claims-namespace (a key) and claims-namespace-path (a path)"));
            return null;
        }
        if (!SecurityProperties.blank(jwt.claimsNamespace())) {
            return ClaimPath.key(jwt.claimsNamespace().strip());
        }
        return claimPath(jwt.claimsNamespacePath(), "claims-namespace-path", "$.hasura.claims, [\"https://hasura.io/jwt/claims\"]",
                origins, problems);
    }

    /** The claim path of {@code weft.security.jwt.<key>}, or null when it is not set or not a path (a problem then). */
    private static ClaimPath claimPath(String value, String key, String examples, ConfigOrigins origins, List<ConfigProblem> problems) {
        if (SecurityProperties.blank(value)) {
            return null;
        }
        String text = value.strip();
        try {
            return ClaimPath.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(problem(origins, "weft.security.jwt." + key, "'" + text + "' is not a claim path: " + e.getMessage()
                    + " (e.g. " + examples + ")"));
            return null;
        }
    }

    private static void url(String value, String name, List<String> sources, ConfigOrigins origins, List<ConfigProblem> problems) {
        if (SecurityProperties.blank(value)) {
            return;
        }
        sources.add(name);
        URI uri = null;
        try {
            uri = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            problems.add(problem(origins, "weft.security.jwt." + name, "must be an http or https URL, was '" + value + "'"));
        }
    }

    private static String firstKey(SecurityProperties p) {
        if (!SecurityProperties.blank(p.anonymousRole())) {
            return "weft.security.anonymous-role";
        }
        SecurityProperties.Jwt jwt = p.jwt();
        return !SecurityProperties.blank(jwt.hmacSecret()) ? "weft.security.jwt.hmac-secret"
                : !SecurityProperties.blank(jwt.jwkSetUri()) ? "weft.security.jwt.jwk-set-uri"
                : !SecurityProperties.blank(jwt.issuerUri()) ? "weft.security.jwt.issuer-uri"
                : "weft.security.jwt.role-claim";
    }

    private static Reader demoAccess() {
        InputStream in = SecuritySettings.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE);
        if (in == null) {
            throw new IllegalStateException(DEMO_RESOURCE + " is missing from the classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return SecurityProperties.blank(s) ? null : s.strip();
    }

    private static ConfigProblem problem(ConfigOrigins origins, String key, String message) {
        return new ConfigProblem(origins.originOf(key), key, message);
    }
}
