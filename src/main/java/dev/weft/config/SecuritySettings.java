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
 * {@code jwk-set-uri}, {@code issuer-uri}), an HMAC secret of at least 32 bytes, http(s) URLs, the
 * syntax of {@code role-claim} ({@link ClaimPath}), an {@code anonymous-role} that access.yml
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
     * Bearer tokens: verified with an HMAC secret (HS256, HS384, HS512), the keys of a JWK set, or
     * the JWK set an OpenID issuer publishes (its tokens' {@code iss} must then be that issuer);
     * the caller's roles are at {@code roleClaim}.
     */
    public record JwtSettings(Secret hmacSecret, String jwkSetUri, String issuerUri, ClaimPath roleClaim) {
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
            problems.add(problem(origins, "weft.security.jwt.role-claim", "a role claim needs a source of token keys:"
                    + " set weft.security.jwt.hmac-secret, jwk-set-uri or issuer-uri"));
        }
        String claim = SecurityProperties.blank(jwt.roleClaim()) ? ClaimPath.DEFAULT : jwt.roleClaim().strip();
        ClaimPath path = null;
        try {
            path = ClaimPath.parse(claim);
        } catch (IllegalArgumentException e) {
            problems.add(problem(origins, "weft.security.jwt.role-claim", "'" + claim + "' is not a claim path: " + e.getMessage()
                    + " (e.g. role, realm_access.roles, [\"https://hasura.io/jwt/claims\"][\"x-hasura-allowed-roles\"])"));
        }
        return new JwtSettings(new Secret(SecurityProperties.blank(jwt.hmacSecret()) ? null : jwt.hmacSecret()),
                blankToNull(jwt.jwkSetUri()), blankToNull(jwt.issuerUri()), path);
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
