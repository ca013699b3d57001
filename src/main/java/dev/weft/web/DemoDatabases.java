package dev.weft.web;

import dev.weft.config.ServiceProperties;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.weft.execute.JdbcScripts;
import dev.weft.execute.MongoScripts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded demo: three in-process H2 databases, {@code hr} (employees, departments, dept_emp),
 * {@code hrstatus} (employee_status, project_assignments) and {@code pm} (projects), seeded from
 * {@code classpath:demo/*.sql}, and a MongoDB one, {@code events} (click events whose {@code emp_no}
 * is an employee's), served by an in-process mongo-java-server on 127.0.0.1 and a free port, seeded
 * from {@code classpath:demo/events-clicks.jsonl}; all linked by the top-level relationships.yml (which the
 * build also copies into the jar as {@code demo/relationships.yml}, for a jar run from any directory).
 * Each start gets fresh databases with unique names, so several instances in one JVM do not share data
 * (they share one MongoDB server, started on first use).
 */
final class DemoDatabases {

    private DemoDatabases() {
    }

    /**
     * The demo's relationships: {@code relationships.yml} of the working directory when there is one (the
     * repository's, when run from it), else the copy in the jar, so the demo is whole in a container too.
     */
    static java.util.List<dev.weft.config.RelationshipSpec> relationships() {
        if (java.nio.file.Files.exists(java.nio.file.Path.of(dev.weft.config.RelationshipsFile.DEFAULT_PATH))) {
            return dev.weft.config.RelationshipsFile.load(null);
        }
        try (var in = DemoDatabases.class.getClassLoader().getResourceAsStream("demo/relationships.yml")) {
            if (in == null) {
                throw new IllegalStateException("demo/relationships.yml is not in the build: the embedded demo cannot be served");
            }
            return dev.weft.config.RelationshipsFile.parse("classpath:demo/relationships.yml",
                    new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, ServiceProperties> create() {
        Map<String, ServiceProperties> services = new LinkedHashMap<>();
        services.put("hr", seeded("hr"));
        services.put("hrstatus", seeded("hrstatus"));
        services.put("pm", seeded("pm"));
        services.put("events", events());
        return services;
    }

    private static ServiceProperties events() {
        String url = "mongodb://" + mongoServer() + "/weft_demo_events_" + UUID.randomUUID().toString().substring(0, 8);
        MongoScripts.insertJsonLines(url, "clicks", "demo/events-clicks.jsonl");
        return new ServiceProperties("mongodb", url, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static MongoServer mongo;

    /**
     * {@code 127.0.0.1:<port>} of the demo's in-memory MongoDB server. It is started from a daemon thread,
     * so that its threads (which inherit that) never keep the JVM alive.
     */
    private static synchronized String mongoServer() {
        if (mongo == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            Thread starter = Thread.ofPlatform().daemon().name("weft-demo-mongodb").start(() -> server.bind("127.0.0.1", 0));
            try {
                starter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the demo's MongoDB server", e);
            }
            mongo = server;
        }
        return "127.0.0.1:" + mongo.getLocalAddress().getPort();
    }

    private static ServiceProperties seeded(String name) {
        String url = "jdbc:h2:mem:weft_demo_" + name + "_" + UUID.randomUUID().toString().substring(0, 8)
                + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
        JdbcScripts.runH2Script(url, "sa", "", "demo/" + name + ".sql");
        return new ServiceProperties("h2", url, "sa", "", null, null, null, null, null, null, null, null, null, null);
    }
}
