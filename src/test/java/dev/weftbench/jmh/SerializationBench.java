package dev.weftbench.jmh;

import graphql.ExecutionResult;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response path alone, after the databases answered: Weft's engine over rows in memory ({@link InMemoryWeft})
 * producing the JSON bytes of {@code run.sh}'s cross-database response (100 customers, 1,000 orders) and of a flat
 * list of 10,000 orders. Three measures per response:
 * <ul>
 * <li>{@code executeAndWrite}: what a request costs after its rows are read: {@link DirectExecutionStrategy}
 *     building the result maps (normalized tree, scalars' coercing, relationship grouping), then Jackson writing
 *     {@code ExecutionResult.toSpecification()} as Spring for GraphQL's HTTP handler does;</li>
 * <li>{@code execute}: the result maps only;</li>
 * <li>{@code write}: Jackson writing result maps built once.</li>
 * </ul>
 * Each for both {@code source}s: {@code rows}, every level read as rows; {@code json}, the levels that qualify built
 * from the JSON PostgreSQL's {@code JSON_AGG} would send ({@code weft.source-json-threshold} 0), copied into the
 * response (Weft's side only: PostgreSQL's cost of building that JSON is not measured).
 * Run with {@code bash src/test/bench/jmh.sh} (JMH's GC profiler gives the bytes allocated per operation).
 *
 * @see dev.weft.execute.DirectExecutionStrategy
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2) // long: on a busy machine the JIT compiles graphql-java and Weft slowly
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class SerializationBench {
    /** Spring Boot's default JSON mapper for the response (Jackson 3, no customizer). */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code cross}: 100 customers with their 1,000 orders; {@code flat10k}: 10,000 orders, five columns. */
    @Param({"cross", "flat10k"})
    public String response;

    /** {@code rows}: levels read as rows; {@code json}: levels built from the sources' JSON ({@link InMemoryWeft}). */
    @Param({"rows", "json"})
    public String source;

    private InMemoryWeft weft;
    private String query;
    private Map<String, Object> built;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

    @Setup(Level.Trial)
    public void setUp() {
        weft = new InMemoryWeft(10_000, 100_000, switch (source) {
            case "rows" -> false;
            case "json" -> true;
            default -> throw new IllegalArgumentException("source is rows or json, not " + source);
        });
        query = response.equals("cross") ? InMemoryWeft.CROSS : InMemoryWeft.flat(10_000);
        built = weft.execute(query).toSpecification();
        System.out.printf("%n%s, %s: %,d bytes of JSON%n", response, source, write(built));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        weft.close();
    }

    @Benchmark
    public int executeAndWrite() {
        return write(weft.execute(query).toSpecification());
    }

    @Benchmark
    public ExecutionResult execute() {
        return weft.execute(query);
    }

    @Benchmark
    public int write() {
        return write(built);
    }

    private int write(Map<String, Object> specification) {
        out.reset();
        JSON.writeValue(out, specification);
        return out.size();
    }
}
