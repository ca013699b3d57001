package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.testing.TestDatabase;
import dev.weft.testing.TestServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Start-up with a bad {@code weft.yml} (passed as Spring's {@code --spring.config.additional-location})
 * stops with ONE readable message that lists every problem, each with its key and, where Spring
 * knows it, the file and line; the failure analyzer prints it as "APPLICATION FAILED TO START"
 * without a stack trace, and no password reaches the output.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureIT {
    private static final String PASSWORD = "Sup3r-Secret-pw";
    private static final String URL_PASSWORD = "UrlSecret9";
    /** The start of a log record, in Spring Boot's console format or logback's default one. */
    private static final Pattern LOG_RECORD = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T|\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[)");

    @TempDir
    Path dir;

    @Test
    void everyConfigurationProblemIsListedInOneMessage(CapturedOutput output) throws IOException {
        Path yml = write("weft.yml", """
                weft:
                  services:
                    alpha:
                      kind: oracle
                      url: jdbc:oracle:thin:@//127.0.0.1:1521/x
                    beta:
                      kind: postgres
                      username: someone
                    gamma:
                      kind: postgres
                      url: %2$s
                      include: ["[abc"]
                    delta:
                      kind: postgres
                      url: %2$s
                      username: %4$s
                      prefix: same_
                    epsilon:
                      kind: mariadb
                      url: %3$s
                      username: %5$s
                      prefix: same_
                    hr:
                      kind: postgres
                      url: %2$s
                      username: %4$s
                      usrname: admin
                      password: %s
                """.formatted(PASSWORD, TestServers.postgres().url("postgres"), TestServers.mariadb().url("mysql"),
                        TestServers.postgres().user(), TestServers.mariadb().user()));

        WeftConfigException failure = startFails(yml);
        String message = failure.getMessage();
        System.out.println("[StartupFailureIT] configuration problems:\n" + message);

        assertThat(failure.problems()).hasSize(5);
        assertThat(message).startsWith("Weft cannot start: 5 problems");
        assertProblem(failure, yml, "weft.services.alpha.kind", "unknown kind 'oracle'");
        assertProblem(failure, yml, "weft.services.beta.url", "missing");
        assertProblem(failure, yml, "weft.services.gamma.include[0]", "bad glob '[abc'");
        assertProblem(failure, yml, "weft.services.epsilon.prefix", "prefix 'same_' is also the prefix of service 'delta'");
        assertProblem(failure, yml, "weft.services.hr.usrname", "unknown key");
        assertReported(output, message);
    }

    @Test
    void everyUnreachableSourceIsListedWithItsReason(CapturedOutput output) throws Exception {
        String user = "weft_sf_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (TestDatabase maria = TestDatabase.mariadb()) {
            maria.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'the-right-one'",
                    "GRANT ALL ON " + maria.name() + ".* TO '" + user + "'@'%'");
            try {
                int closedPort = closedPort();
                String missingDb = "weft_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                Path yml = write("weft.yml", """
                        weft:
                          services:
                            badpass:
                              kind: mariadb
                              url: %s
                              username: %s
                              password: %s
                              pool: { connection-timeout: 1s }
                            noanswer:
                              kind: postgres
                              url: jdbc:postgresql://127.0.0.1:%d/postgres
                              username: postgres
                              pool: { connection-timeout: 1s }
                            nodb:
                              kind: postgres
                              url: %s?user=postgres&password=%s
                              pool: { connection-timeout: 1s }
                        """.formatted(maria.url("mariadb"), user, PASSWORD, closedPort,
                                TestServers.postgres().url(missingDb), URL_PASSWORD));

                WeftConfigException failure = startFails(yml);
                String message = failure.getMessage();
                System.out.println("[StartupFailureIT] unreachable sources:\n" + message);

                assertThat(failure.problems()).hasSize(3);
                assertThat(message).startsWith("Weft cannot start: 3 problems");
                assertThat(problem(failure, "weft.services.badpass").toString())
                        .contains("cannot read source 'badpass'", "wrong user name or password", user);
                assertThat(problem(failure, "weft.services.noanswer").toString())
                        .contains("cannot read source 'noanswer'", "host not answering", ":" + closedPort);
                assertThat(problem(failure, "weft.services.nodb").toString())
                        .contains("cannot read source 'nodb'", "unknown database", missingDb);
                for (String service : List.of("badpass", "noanswer", "nodb")) { // at the first line of the service's settings
                    assertThat(problem(failure, "weft.services." + service).location()).isEqualTo(yml + ":" + (lineOfService(yml, service) + 1));
                }
                assertReported(output, message);
            } finally {
                maria.execute("DROP USER IF EXISTS '" + user + "'@'%'");
            }
        }
    }

    @Test
    void configurationProblemsAndUnreachableSourcesComeInOneMessage(CapturedOutput output) throws Exception {
        int closedPort = closedPort();
        Path yml = write("weft.yml", """
                weft:
                  services:
                    broken:
                      kind: oracle
                      url: jdbc:oracle:thin:@x
                    noanswer:
                      kind: postgres
                      url: jdbc:postgresql://127.0.0.1:%d/postgres
                      username: postgres
                      pool: { connection-timeout: 1s }
                """.formatted(closedPort));
        WeftConfigException failure = startFails(yml);
        assertThat(failure.problems()).hasSize(2);
        assertProblem(failure, yml, "weft.services.broken.kind", "unknown kind 'oracle'");
        assertThat(problem(failure, "weft.services.noanswer").toString())
                .contains("cannot read source 'noanswer'", "host not answering");
        assertReported(output, failure.getMessage());
    }

    @Test
    void yamlMistakesInWeftYmlAreReportedWithFileAndLineLikeEveryOtherProblem(CapturedOutput output) throws IOException {
        Map<String, String> mistakes = Map.of(
                "weft:\n  services:\n    hr: { kind: postgres, url: \"jdbc:postgresql://127.0.0.1:5432/hr\"\n    pm:\n      kind: postgres\n",
                "4: not valid YAML: expected ',' or '}'",
                "weft:\n  services:\n    hr:\n      kind: postgres\n    hr:\n      kind: mariadb\n",
                "5: weft.services.hr: duplicate key; it is also at line 3",
                "weft:\n  services:\n    hr:\n\tkind: postgres\n",
                "4: not valid YAML: found character '\\t(TAB)' that cannot start any token");
        for (var mistake : mistakes.entrySet()) {
            Path yml = write("weft.yml", mistake.getKey());
            WeftConfigException failure = startFails(yml);
            assertThat(failure.getMessage()).startsWith("Weft cannot start: 1 problem").contains(yml + ":" + mistake.getValue());
            assertThat(output.getAll()).contains("Description:\n\n" + failure.getMessage());
        }
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START");
        assertThat(ownRecords(output.getAll())).doesNotContain("Application run failed", "org.yaml.snakeyaml", "\tat ");
    }

    @Test
    void aMissingRelationshipsFileIsReportedAtTheLineThatNamesIt(CapturedOutput output) throws IOException {
        Path yml = write("weft.yml", """
                weft:
                  relationships: %s
                  services:
                    hr:
                      kind: postgres
                      url: jdbc:postgresql://127.0.0.1:5432/postgres
                      username: postgres
                """.formatted(dir.resolve("no-such-relationships.yml")));
        WeftConfigException failure = startFails(yml);
        assertThat(problem(failure, "weft.relationships").toString())
                .isEqualTo(yml + ":2: weft.relationships: the relationships file '" + dir.resolve("no-such-relationships.yml")
                        + "' does not exist");
        assertReported(output, failure.getMessage());
    }

    @Test
    void anIncludeGlobThatSelectsNoTableIsAProblemAtItsLine(CapturedOutput output) throws IOException {
        try (TestDatabase pg = TestDatabase.postgres()) {
            pg.execute("CREATE TABLE employees (emp_no INT PRIMARY KEY)");
            Path yml = write("weft.yml", """
                    weft:
                      relationships: %s
                      services:
                        hr:
                          kind: postgres
                          url: %s
                          username: postgres
                          include: ["employees", "employes_*"]
                    """.formatted(write("relationships.yml", "relationships:\n"), pg.url("postgres")));
            WeftConfigException failure = startFails(yml);
            assertThat(failure.problems()).extracting(ConfigProblem::toString).containsExactly(yml + ":8: weft.services.hr.include[1]:"
                    + " 'employes_*' selects no table, view or collection of service 'hr' (names compare ignoring case;"
                    + " exclude applies after include)");
            assertReported(output, failure.getMessage());
        }
    }

    @Test
    void aTypoUnderWeftIsReportedBeforeTheEmbeddedDemoCouldStart(CapturedOutput output) throws IOException {
        Path yml = write("weft.yml", """
                weft:
                  servics:
                    hr:
                      kind: postgres
                      url: jdbc:postgresql://127.0.0.1:5432/postgres
                """);
        WeftConfigException failure = startFails(yml);
        assertThat(failure.problems()).extracting(ConfigProblem::location).containsExactly(yml + ":4", yml + ":5");
        assertThat(failure.getMessage()).contains("weft.servics.hr.kind: unknown key", "weft.servics.hr.url: unknown key");
        assertThat(output.getAll()).doesNotContain("embedded demo", "H2 databases");
        assertReported(output, failure.getMessage());
    }

    @Test
    void passwordsWrittenInJdbcUrlsNeverReachTheReportEvenWhenTheDriverRepeatsThem(CapturedOutput output) throws IOException {
        Path yml = write("weft.yml", """
                weft:
                  services:
                    userinfo:
                      kind: mariadb
                      url: jdbc:mariadb://root:%1$s@127.0.0.1:3306/weft_missing_db
                      pool: { connection-timeout: 1s }
                    pginfo:
                      kind: postgres
                      url: jdbc:postgresql://postgres:%1$s@127.0.0.1:5432/weft_missing_db
                      pool: { connection-timeout: 1s }
                    query:
                      kind: mariadb
                      url: jdbc:mariadb://127.0.0.1:3306/weft_missing_db?user=nobody&password=%1$s
                      pool: { connection-timeout: 1s }
                """.formatted(URL_PASSWORD));
        WeftConfigException failure = startFails(yml);
        System.out.println("[StartupFailureIT] passwords in URLs:\n" + failure.getMessage());
        assertThat(failure.problems()).hasSize(3);
        assertThat(problem(failure, "weft.services.userinfo").message()).contains("jdbc:mariadb://root:****@127.0.0.1", "****@127.0.0.1");
        assertReported(output, failure.getMessage());
    }

    @Test
    void aServicesOwnBreakerSettingsAreCheckedAtTheirLine(CapturedOutput output) throws IOException {
        Path yml = write("weft.yml", """
                weft:
                  breaker:
                    minimum-calls: 5
                  services:
                    shop:
                      kind: postgres
                      url: jdbc:postgresql://127.0.0.1:5432/postgres
                      username: postgres
                      breaker:
                        window-size: 4
                        failure-rate: 0
                    crm:
                      kind: mariadb
                      url: jdbc:mariadb://127.0.0.1:3306/mysql
                      breaker:
                        open-duration: 0s
                """);
        WeftConfigException failure = startFails(yml);
        // shop inherits minimum-calls 5, brought down to its own window of 4: not a problem
        assertThat(failure.problems()).hasSize(2);
        assertProblem(failure, yml, "weft.services.shop.breaker.failure-rate", "must be between 1 and 100, was 0");
        assertThat(problem(failure, "weft.services.shop.breaker.failure-rate").location()).isEqualTo(yml + ":11");
        assertThat(problem(failure, "weft.services.crm.breaker.open-duration").location()).isEqualTo(yml + ":16");
        assertReported(output, failure.getMessage());
    }

    private static int lineOfService(Path yml, String service) throws IOException {
        return Files.readAllLines(yml).stream().map(String::trim).toList().indexOf(service + ":") + 1;
    }

    private static WeftConfigException startFails(Path yml) {
        return dev.weft.testing.FailedStart.with(yml);
    }

    /** The problem names its key, says what is wrong and, when Spring knows the key's origin, the file and line. */
    private static void assertProblem(WeftConfigException failure, Path yml, String key, String what) throws IOException {
        ConfigProblem problem = problem(failure, key);
        assertThat(problem.message()).contains(what);
        assertThat(failure.getMessage()).contains(key + ": ");
        int line = lineOf(yml, key);
        if (line > 0) {
            assertThat(problem.location()).as("origin of %s", key).isNotNull()
                    .contains(yml.getFileName().toString()).containsPattern("(:| - )" + line + "\\b");
        }
    }

    private static ConfigProblem problem(WeftConfigException failure, String key) {
        List<ConfigProblem> found = failure.problems().stream().filter(p -> key.equals(p.key())).toList();
        assertThat(found).as("problems with key %s in %s", key, failure.getMessage()).hasSize(1);
        return found.get(0);
    }

    /** The 1-based line where the YAML sets {@code key}, or 0 when the key is not in the file. */
    private static int lineOf(Path yml, String key) throws IOException {
        String last = key.replaceAll("\\[\\d+]$", "");
        last = last.substring(last.lastIndexOf('.') + 1);
        String service = key.split("\\.")[2];
        List<String> lines = Files.readAllLines(yml);
        boolean inService = false;
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.equals(service + ":")) {
                inService = true;
            } else if (inService && trimmed.startsWith(last + ":")) {
                return i + 1;
            } else if (inService && lines.get(i).startsWith("    ") && !lines.get(i).startsWith("      ")) {
                inService = false;
            }
        }
        return 0;
    }

    /** The failure analyzer printed the message once, readable, without stack frames or passwords. */
    /**
     * The output without the log records of other threads: a context an earlier test class left in Spring's test
     * context cache may log a pool's failed refill (with its stack trace) at any time, which is not this start's doing.
     */
    private static String ownRecords(String all) {
        StringBuilder own = new StringBuilder();
        boolean keep = true;
        for (String line : all.split("\n", -1)) {
            if (LOG_RECORD.matcher(line).find()) {
                keep = line.contains("[           main]") || line.contains(" [main] ");
            }
            if (keep) {
                own.append(line).append('\n');
            }
        }
        return own.toString();
    }

    private static void assertReported(CapturedOutput output, String message) {
        String all = output.getAll();
        assertThat(all).contains("APPLICATION FAILED TO START");
        int description = all.indexOf("Description:");
        int action = all.indexOf("Action:", description);
        assertThat(description).isPositive();
        assertThat(action).isGreaterThan(description);
        String described = all.substring(description, action);
        assertThat(described).contains(message.lines().toList().toArray(String[]::new));
        assertThat(described).doesNotContain("\tat ", "at dev.weft", "Exception");
        assertThat(all).doesNotContain(PASSWORD, URL_PASSWORD);
        assertThat(ownRecords(all)).doesNotContain("at dev.weft.");
        assertThat(message).doesNotContain(PASSWORD, URL_PASSWORD);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
