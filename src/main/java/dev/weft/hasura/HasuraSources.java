package dev.weft.hasura;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Hasura source's kind and connection into a {@code weft.services.<name>} entry. Secrets are never copied:
 * a connection Hasura read from an environment variable becomes {@code ${...}} placeholders, and an inline
 * password becomes a placeholder too (reported). Example: source {@code default} with
 * {@code database_url: {from_env: HASURA_GRAPHQL_DATABASE_URL}} gives
 * {@code url: ${DEFAULT_JDBC_URL}, username: ${DEFAULT_USERNAME}, password: ${DEFAULT_PASSWORD}}.
 */
final class HasuraSources {
    private static final Pattern POSTGRES_URL = Pattern.compile(
            "postgres(?:ql)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(/[^?]*)?(\\?.*)?");
    private static final Map<String, String> KINDS = Map.of("postgres", "postgres", "pg", "postgres", "citus", "postgres",
            "cockroach", "postgres", "mysql", "mysql", "mysql8", "mysql", "mariadb", "mariadb");

    private HasuraSources() {
    }

    /** Weft's service name for a Hasura source name: {@code [a-z][a-z0-9]*}. */
    static String serviceName(String source) {
        String name = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return name.isEmpty() || !Character.isLetter(name.charAt(0)) ? "s" + name : name;
    }

    /** The Weft kind for a Hasura kind, or null when Weft has no driver for it (mssql, bigquery, ...). */
    static String kind(String hasuraKind) {
        return hasuraKind == null ? "postgres" : KINDS.get(hasuraKind.toLowerCase(Locale.ROOT));
    }

    /** The connection keys (url, username, password) of one source; what needs the user's attention goes to {@code report}. */
    static Map<String, Object> connection(String source, String kind, Map<String, Object> configuration, Report report) {
        String env = serviceName(source).toUpperCase(Locale.ROOT);
        Map<String, Object> out = new LinkedHashMap<>();
        Object url = configuration == null ? null
                : configuration.get("connection_info") instanceof Map<?, ?> info ? ((Map<?, ?>) info).get("database_url")
                : configuration.get("value") instanceof Map<?, ?> value ? ((Map<?, ?>) value).get("jdbc_url")
                : null;
        if (url instanceof Map<?, ?> m && m.get("from_env") instanceof String variable) {
            placeholders(out, env);
            report.note("source '" + source + "': Hasura read its connection from " + variable + "; set " + env
                    + "_JDBC_URL (jdbc:" + (kind.equals("postgres") ? "postgresql" : kind) + "://host:port/database), "
                    + env + "_USERNAME and " + env + "_PASSWORD from it");
        } else if (url instanceof Map<?, ?> m && m.get("connection_parameters") instanceof Map<?, ?> p) {
            out.put("url", "jdbc:postgresql://" + p.get("host") + ":" + (p.get("port") == null ? 5432 : p.get("port"))
                    + "/" + p.get("database"));
            out.put("username", String.valueOf(p.get("username")));
            out.put("password", "${" + env + "_PASSWORD}");
            report.note("source '" + source + "': its password is not copied; set " + env + "_PASSWORD");
        } else if (url instanceof String s) {
            Matcher pg = POSTGRES_URL.matcher(s);
            if (pg.matches() && kind.equals("postgres")) {
                out.put("url", "jdbc:postgresql://" + pg.group(3) + (pg.group(4) == null ? "/" : pg.group(4)));
                if (pg.group(1) != null && !pg.group(1).isEmpty()) {
                    out.put("username", pg.group(1));
                }
                out.put("password", "${" + env + "_PASSWORD}");
                report.note("source '" + source + "': the URL written in Hasura's metadata is copied without its password;"
                        + " set " + env + "_PASSWORD" + (pg.group(5) == null ? "" : " (its parameters are not copied either:"
                        + " they may hold one; add the ones you need to the JDBC URL)"));
            } else {
                placeholders(out, env);
                report.note("source '" + source + "': its URL is written in the metadata in a form not copied (it may hold"
                        + " a password); set " + env + "_JDBC_URL, " + env + "_USERNAME and " + env + "_PASSWORD");
            }
        } else {
            placeholders(out, env);
            report.note("source '" + source + "': no connection found in the metadata; set " + env + "_JDBC_URL, "
                    + env + "_USERNAME and " + env + "_PASSWORD");
        }
        return out;
    }

    private static void placeholders(Map<String, Object> out, String env) {
        out.put("url", "${" + env + "_JDBC_URL}");
        out.put("username", "${" + env + "_USERNAME}");
        out.put("password", "${" + env + "_PASSWORD}");
    }

    /** What the converter could not carry over, and notes for the user, in the order found. */
    static final class Report {
        private final List<String> notConverted = new java.util.ArrayList<>();
        private final List<String> notes = new java.util.ArrayList<>();

        void notConverted(String line) {
            notConverted.add(line);
        }

        void note(String line) {
            notes.add(line);
        }

        List<String> notConverted() {
            return List.copyOf(notConverted);
        }

        List<String> notes() {
            return List.copyOf(notes);
        }
    }
}
