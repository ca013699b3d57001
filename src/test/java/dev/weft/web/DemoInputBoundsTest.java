package dev.weft.web;

import static dev.weft.testing.GraphqlAssertions.codes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.testing.GraphqlAssertions;
import graphql.ExecutionResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decimals with huge exponents against the embedded demo's H2 {@code salary DECIMAL(10,2)}, where H2 once spent
 * about 27 s of CPU on {@code 1e9999999}: answered correctly within a safety bound, the source never asked to
 * scale such a number.
 */
class DemoInputBoundsTest {
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static WeftRuntime weft;

    @BeforeAll
    static void start() {
        weft = DemoRuntime.start();
    }

    @AfterAll
    static void stop() {
        weft.close();
    }

    private static ExecutionResult salaries(String op, String value) {
        return weft.execute("query($v: BigDecimal) { hr_employees(where: {salary: {" + op + ": $v}}) { emp_no } }",
                Map.of("v", new BigDecimal(value)));
    }

    private static int count(ExecutionResult r) {
        return ((List<?>) GraphqlAssertions.at(GraphqlAssertions.data(r), "hr_employees")).size();
    }

    @Test
    void hugeExponentsOnH2AnswerCorrectlyWithinTheBound() {
        int withSalary = count(weft.execute("{ hr_employees(where: {salary: {_is_null: false}}) { emp_no } }", Map.of()));
        assertThat(withSalary).isPositive();
        for (String[] c : new String[][] {{"_eq", "1e9999999", "0"}, {"_gt", "1e9999999", "0"}, {"_lt", "1e9999999", "all"},
                {"_gt", "1e-99999999", "all"}, {"_lt", "1e-99999999", "0"}, {"_gte", "-1e9999999", "all"}}) {
            long start = System.nanoTime();
            ExecutionResult r = salaries(c[0], c[1]);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(c[0] + " " + c[1]).isLessThan(BOUND);
            assertThat(count(r)).as(c[0] + " " + c[1]).isEqualTo(c[2].equals("all") ? withSalary : 0);
        }
    }

    @Test
    void aDecimalOfMoreThanAThousandDigitsIsRefusedWithinTheBound() {
        long start = System.nanoTime();
        ExecutionResult r = salaries("_gt", "1." + "0".repeat(1000) + "1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        assertThat(codes(r)).containsExactly("BAD_USER_INPUT");
        assertThat(r.getErrors().get(0).getMessage()).isEqualTo("the value for 'salary' has 1002 digits; at most 1000 are allowed");
    }
}
