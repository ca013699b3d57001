package dev.weft.config;

/**
 * {@code weft.federation}: whether every schema is an Apollo Federation v2 subgraph ({@code enabled}, default true)
 * and the federation.yml read for its directives and type names ({@code file}, default federation.yml in the
 * working directory when it exists).
 *
 * <pre>{@code
 * weft:
 *   federation:
 *     enabled: true
 *     file: federation.yml
 * }</pre>
 */
// One constructor only: Spring's binder binds a record through its single constructor.
public record FederationSettings(Boolean enabled, String file) {
    public static final FederationSettings DEFAULT = new FederationSettings(true, null);

    public boolean on() {
        return enabled == null || enabled;
    }

    /** federation.yml as configured (none when federation is off: its directives would mean nothing). */
    public FederationSpec spec() {
        return on() ? FederationFile.load(file) : FederationSpec.NONE;
    }
}
