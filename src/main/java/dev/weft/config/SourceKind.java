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
