package dev.weft.config;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps configured secrets out of every message Weft prints: the start-up report, the log lines
 * where Weft logs driver exceptions, error responses. Drivers repeat what they were given in their
 * own words ({@code Incorrect port value : s3cret@127.0.0.1} for {@code jdbc:mariadb://root:s3cret@...}),
 * so the secrets' values are replaced wherever they appear, besides the usual forms
 * ({@code //user:****@host}, {@code password=****}).
 *
 * <p>Secrets register themselves when their settings are made ({@link ServiceSettings}: the password
 * and the passwords written in the URL; {@link SecuritySettings.JwtSettings}: the HMAC secret), so no
 * path that prints can miss one. Values shorter than {@value #SHORTEST} characters are masked only in
 * those forms, not wherever they appear (a password {@code app} would otherwise mangle every word).
 *
 * <pre>{@code
 * Redaction.register("s3cret");
 * Redaction.redact("Incorrect port value : s3cret@127.0.0.1");  // "Incorrect port value : ****@127.0.0.1"
 * Redaction.redact("jdbc:postgresql://h/db?user=u&password=x");  // "jdbc:postgresql://h/db?user=u&password=****"
 * }</pre>
 */
public final class Redaction {
    public static final String MASK = "****";
    static final int SHORTEST = 6;
    private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/@:\\s]*:)([^/@\\s]+)(@)");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile(
            "(?i)((?:password|passwd|pwd|secret|api[-_]?key)=)(?!\\*{4})([^;&\\s,)\"']+)"); // (?!): already masked
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private Redaction() {
    }

    /** Remembers {@code secret} (null and blank are ignored) for every later {@link #redact}. */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= SHORTEST) {
            SECRETS.add(secret);
            SECRETS.add(secret.strip());
        }
    }

    /** Remembers the passwords written in a JDBC or MongoDB URL (user info, {@code password=} parameters). */
    public static void registerUrl(String url) {
        if (url == null) {
            return;
        }
        for (Pattern pattern : List.of(URL_PASSWORD, PASSWORD_PARAMETER)) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                register(m.group(2));
                register(java.net.URLDecoder.decode(m.group(2).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code text} with every registered secret and every password-shaped value masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(secret, MASK);
        }
        out = URL_PASSWORD.matcher(out).replaceAll("$1" + MASK + "$3");
        return PASSWORD_PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * A copy of {@code error} and its causes, each message redacted, for a log: same stack traces, the
     * original class named at the start of each message ({@code java.sql.SQLException: ...}).
     */
    public static Throwable redact(Throwable error) {
        if (error == null) {
            return null;
        }
        RedactedException copy = new RedactedException(error.getClass().getName()
                + (error.getMessage() == null ? "" : ": " + redact(error.getMessage())), error.getCause() == error ? null
                : redact(error.getCause()));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** The stand-in for a logged exception whose message might hold a secret. */
    public static final class RedactedException extends RuntimeException {
        RedactedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }
}
