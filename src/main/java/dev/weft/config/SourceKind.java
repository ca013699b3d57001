package dev.weft.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of source a service may be, as written in {@code weft.services.<name>.kind}. */
public enum SourceKind {
    POSTGRES("postgres", "jdbc:postgresql:"),
    MARIADB("mariadb", "jdbc:mariadb:"),
    MYSQL("mysql", "jdbc:mysql:"),
    DB2("db2", "jdbc:db2:"),
    /** A MongoDB database: {@code mongodb://host:27017/events} (or {@code mongodb+srv://}); the path names the database. */
    MONGODB("mongodb", "mongodb://"),
    H2("h2", "jdbc:h2:");

    private final String configName;
    private final String urlPrefix;

    SourceKind(String configName, String urlPrefix) {
        this.configName = configName;
        this.urlPrefix = urlPrefix;
    }

    public String configName() {
        return configName;
    }

    /** The URL prefix a service of this kind must use, e.g. {@code jdbc:postgresql:}. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** Whether {@code url} is a URL for this kind; MongoDB also takes DNS seed lists ({@code mongodb+srv://}). */
    public boolean accepts(String url) {
        return url.startsWith(urlPrefix) || (this == MONGODB && url.startsWith("mongodb+srv://"));
    }

    /** The URL prefixes of this kind, as a message names them. */
    public String urlPrefixes() {
        return this == MONGODB ? urlPrefix + " or mongodb+srv://" : urlPrefix;
    }

    public static Optional<SourceKind> fromConfig(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.configName.equals(wanted)).findFirst();
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(SourceKind::configName).collect(Collectors.joining(", "));
    }
}
