package dev.weft.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a service's GraphQL types are named, as written in {@code weft.naming} (global) and
 * {@code weft.services.<name>.naming} (per service, over the global one).
 *
 * <ul>
 *   <li>{@code weft} (the default): {@code HrEmployees}, {@code HrEmployeesBoolExp}, root fields {@code hr_employees};</li>
 *   <li>{@code hasura}: Hasura's names, {@code employees}, {@code employees_bool_exp}, {@code query_root}, root
 *       fields {@code employees} (no service prefix unless {@code prefix}/{@code type-prefix} are set; a
 *       PostgreSQL schema other than {@code public} prefixes both with {@code <schema>_}, as Hasura does).</li>
 * </ul>
 */
public enum Naming {
    WEFT, HASURA;

    /** The mode written {@code text} (case-insensitive), empty when unknown. */
    public static Optional<Naming> fromConfig(String text) {
        return Arrays.stream(values()).filter(n -> n.configName().equalsIgnoreCase(text.trim())).findFirst();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
