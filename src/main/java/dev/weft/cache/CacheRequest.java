package dev.weft.cache;

import dev.weft.schema.CachedDirective;
import dev.weft.security.Caller;
import dev.weft.security.RolePolicy;
import dev.weft.security.TablePolicy;
import graphql.ExecutionInput;
import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A query marked {@code @cached}: the key of its response and how long it may be kept. The key is a hash of
 * the normalized document (without {@code @cached}), the operation name, the variables, the role and the
 * values of the claims that the role's row filters use, so a caller with another tenant claim, or another
 * role (other masks), never shares an entry.
 *
 * <pre>{@code
 * CacheRequest request = CacheRequest.of(input, caller, policy, 300);   // null: not a cached query
 * request.key();          // "3f1a...": the same for the same query, role and claim values on every instance
 * request.ttlSeconds();   // 60, at most 300
 * }</pre>
 */
public record CacheRequest(String key, int ttlSeconds, boolean refresh) {
    private static final String CLAIM = "@claims.";

    /**
     * The cached query {@code input} asks for, or null when its operation is not a query marked {@code @cached}
     * (or the document does not parse: execution reports that).
     *
     * @param policy the caller's role (null without access control)
     */
    public static CacheRequest of(ExecutionInput input, Caller caller, RolePolicy policy, int maxTtlSeconds) {
        return of(input, caller, policy, "", maxTtlSeconds);
    }

    /** As above, within one {@code version} of the configuration (entries of another version are not shared). */
    public static CacheRequest of(ExecutionInput input, Caller caller, RolePolicy policy, String version, int maxTtlSeconds) {
        String query = input.getQuery();
        if (query == null || !query.contains("@" + CachedDirective.NAME)) {
            return null; // the common case, without parsing
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            return null;
        }
        OperationDefinition operation = operation(document, input.getOperationName());
        if (operation == null || operation.getOperation() != OperationDefinition.Operation.QUERY) {
            return null;
        }
        Directive cached = operation.getDirectives(CachedDirective.NAME).stream().findFirst().orElse(null);
        if (cached == null) {
            return null;
        }
        int ttl = cached.getArgument("ttl") instanceof Argument a && a.getValue() instanceof IntValue v
                ? v.getValue().intValue() : 60;
        boolean refresh = cached.getArgument("refresh") instanceof Argument a && a.getValue() instanceof BooleanValue b
                && b.isValue();
        ttl = Math.min(ttl, maxTtlSeconds);
        if (ttl <= 0) {
            return null;
        }
        List<Definition> definitions = new ArrayList<>();
        for (Definition<?> definition : document.getDefinitions()) {
            definitions.add(definition == operation ? operation.transform(b -> b.directives(operation.getDirectives()
                    .stream().filter(d -> !d.getName().equals(CachedDirective.NAME)).toList())) : definition);
        }
        String normalized = graphql.language.AstPrinter.printAstCompact(document.transform(b -> b.definitions(definitions)));
        StringBuilder material = new StringBuilder()
                .append("version=").append(Objects.toString(version, "")).append('\n')
                .append("role=").append(caller == null || caller.role() == null ? "" : caller.role()).append('\n')
                .append("claims=").append(claimsUsed(policy, caller)).append('\n')
                .append("operation=").append(Objects.toString(input.getOperationName(), "")).append('\n')
                .append("variables=").append(canonical(input.getVariables())).append('\n')
                .append(normalized);
        return new CacheRequest(sha256(material.toString()), ttl, refresh);
    }

    private static OperationDefinition operation(Document document, String name) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (name == null || name.isEmpty()) {
            return operations.size() == 1 ? operations.get(0) : null;
        }
        return operations.stream().filter(o -> name.equals(o.getName())).findFirst().orElse(null);
    }

    /** The claims the role's row filters name, each with the caller's value: {@code {tenant_id=7}}. */
    static Map<String, String> claimsUsed(RolePolicy policy, Caller caller) {
        Map<String, String> used = new TreeMap<>();
        if (policy == null || caller == null) {
            return used;
        }
        TreeSet<String> names = new TreeSet<>();
        for (TablePolicy table : policy.tables().values()) {
            collectClaims(table.filter(), names);
        }
        names.forEach(name -> used.put(name, canonical(caller.claim(name).orElse(null))));
        return used;
    }

    private static void collectClaims(Object value, Collection<String> names) {
        if (value instanceof String s && s.startsWith(CLAIM)) {
            names.add(s.substring(CLAIM.length()));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectClaims(v, names));
        } else if (value instanceof Collection<?> list) {
            list.forEach(v -> collectClaims(v, names));
        }
    }

    /** A text of a value that does not depend on map order; strings quoted so "1" and 1 differ. */
    static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> String.valueOf(e.getKey()), e -> canonical(e.getValue()))))
                    .forEach((k, v) -> out.append(quote(k)).append(':').append(v).append(','));
            return out.append('}').toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(CacheRequest::canonical).toList().toString();
        }
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
