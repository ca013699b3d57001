package dev.weft.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.weft.schema.ExampleQuery;
import dev.weft.security.Caller;
import graphql.schema.GraphQLSchema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves GraphiQL at {@code GET /graphiql} with no internet: the page (template
 * {@code weft/graphiql.html}) loads React, ReactDOM and GraphiQL from the WebJars on Weft's
 * classpath, which Spring Boot serves under {@code /webjars/**}, and sends queries to
 * {@code graphql} relative to the page, so it works behind any host, port or context path.
 *
 * <p>The editor opens with the query of the property {@code weft.graphiql.default-query} when it is
 * set; otherwise, in the embedded demo, with the demo's query ({@code demo/graphiql-query.graphql}), and
 * elsewhere with an {@link ExampleQuery} generated from the schema of the page's caller: its role's (an API
 * key or token sent with the page request, else the anonymous role), or the whole schema without access
 * control. A caller with no role gets only a comment, so the page shows no table to a stranger. The query
 * is written into the page as a JSON
 * string with {@code <}, {@code >} and {@code &} escaped, so no value can end its
 * {@code <script>} element. Likewise the headers editor opens with {@code weft.graphiql.default-headers}
 * (a JSON object as text, e.g. {@code {"X-API-Key": "..."}}; GraphiQL sends them with every request);
 * unset, the embedded demo's access control gives the demo manager's API key, and otherwise there
 * are none. The page is rendered once per role, and sent with a Content-Security-Policy that
 * admits only this origin and the page's own bootstrap script.
 *
 * <p>Spring for GraphQL's own GraphiQL ({@code spring.graphql.graphiql.enabled}) stays off: it
 * loads its assets from a CDN.
 */
@Controller
public class GraphiqlController {

    private static final String TEMPLATE = "weft/graphiql.html";
    private static final String[] WEBJARS = {"graphiql", "react", "react-dom"};
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private static final String DEMO_QUERY = "demo/graphiql-query.graphql";
    private static final String NO_ROLE = """
            # Put your credentials in the Headers tab below ({"X-API-Key": "..."} or
            # {"Authorization": "Bearer ..."}), then write a query: Ctrl-Space completes names.
            """;

    private final String template;
    private final String fixedQuery;
    private final Function<Caller, GraphQLSchema> schemas;
    private final WeftSecurity security;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /** A rendered page and the schema its query was generated from (a reload brings a new schema, hence a new page). */
    private record Page(GraphQLSchema schema, String html) {
    }
    private final String contentSecurityPolicy;

    /**
     * Renders the page.
     *
     * @param defaultQuery the query the editor opens with; empty for the demo's, or one generated from the caller's schema
     * @param defaultHeaders the headers editor's text, a JSON object; empty for the default of {@code security}
     * @param security whether access control is on, and whether it is the embedded demo's (then GraphiQL sends its key)
     * @param snapshots the serving version, with the schemas of the callers
     * @throws IllegalStateException if the template or a GraphiQL WebJar is not on the classpath
     * @throws dev.weft.config.WeftConfigException if {@code defaultHeaders} is not a JSON object
     */
    @Autowired
    public GraphiqlController(@Value("${weft.graphiql.default-query:}") String defaultQuery,
                              @Value("${weft.graphiql.default-headers:}") String defaultHeaders, WeftSecurity security,
                              dev.weft.reload.Snapshots<Served> snapshots) {
        this(defaultQuery, defaultHeaders, security, caller -> snapshots.current().runtime().schemaFor(caller));
    }

    GraphiqlController(String defaultQuery, String defaultHeaders, WeftSecurity security, Function<Caller, GraphQLSchema> schemas) {
        String html = read(TEMPLATE);
        for (String webjar : WEBJARS) {
            html = html.replace("{{" + webjar + ".version}}", webjarVersion(webjar));
        }
        String headers = defaultHeaders.isBlank() ? security.graphiqlDefaultHeaders() : checkedHeaders(defaultHeaders);
        this.template = html.replace("{{default-headers.json}}", jsonString(headers));
        this.fixedQuery = !defaultQuery.isBlank() ? defaultQuery
                : security.enabled() && security.settings().demo() ? read(DEMO_QUERY) : null;
        this.schemas = schemas;
        this.security = security;
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self' " + inlineScriptHashes(template)
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:;"
                + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'";
    }

    /** @return the GraphiQL page, opening with a query the caller's schema accepts */
    @GetMapping("/graphiql")
    public ResponseEntity<String> graphiql() {
        Optional<Caller> caller = caller();
        GraphQLSchema schema = fixedQuery != null ? null : caller.map(schemas).orElse(null);
        String page = pages.compute(caller.map(c -> c.isUnrestricted() ? "*" : "role:" + c.role()).orElse("none"),
                (key, rendered) -> rendered != null && rendered.schema() == schema ? rendered
                        : new Page(schema, template.replace("{{default-query.json}}", jsonString(fixedQuery != null ? fixedQuery
                                : schema != null ? ExampleQuery.of(schema) : NO_ROLE)))).html();
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Content-Security-Policy", contentSecurityPolicy)
                .body(page);
    }

    /** Who asks for the page: everyone without access control; else the first role of its credentials, or the anonymous role. */
    private Optional<Caller> caller() {
        if (!security.enabled()) {
            return Optional.of(Caller.UNRESTRICTED);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication credentials && !credentials.roles().isEmpty()) {
            return Optional.of(new Caller(credentials.roles().get(0), Map.of()));
        }
        return Optional.ofNullable(security.settings().anonymousRole()).map(role -> new Caller(role, Map.of()));
    }

    /**
     * Writes {@code value} as a JSON string literal that is also safe inside an HTML
     * {@code <script>} element: besides JSON's own escapes, {@code < > &} and the line separators
     * U+2028/U+2029 are written as JSON unicode escapes.
     */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String checkedHeaders(String headers) {
        boolean object;
        try {
            object = tools.jackson.databind.json.JsonMapper.builder().build().readTree(headers).isObject();
        } catch (tools.jackson.core.JacksonException e) {
            object = false;
        }
        if (!object) {
            throw new dev.weft.config.WeftConfigException(java.util.List.of(new dev.weft.config.ConfigProblem(null,
                    "weft.graphiql.default-headers", "must be a JSON object, as in {\"X-API-Key\": \"...\"}")));
        }
        return headers;
    }

    /** The CSP source expressions ('sha256-...') of the page's inline, executable scripts. */
    private static String inlineScriptHashes(String html) {
        StringBuilder hashes = new StringBuilder();
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                hashes.append(hashes.isEmpty() ? "" : " ")
                        .append("'sha256-").append(Base64.getEncoder().encodeToString(digest)).append('\'');
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return hashes.toString();
    }

    /** The version of the npm WebJar {@code name}, from the Maven metadata inside its jar. */
    private static String webjarVersion(String name) {
        String path = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        Properties props = new Properties();
        try (InputStream in = open(path)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version");
    }

    private static String read(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) throws IOException {
        ClassPathResource resource = new ClassPathResource(path, GraphiqlController.class.getClassLoader());
        if (!resource.exists()) {
            throw new IllegalStateException("GraphiQL cannot be served: " + path
                    + " is not on the classpath (the org.webjars.npm GraphiQL/React WebJars and"
                    + " weft/graphiql.html belong in the build)");
        }
        return resource.getInputStream();
    }
}
