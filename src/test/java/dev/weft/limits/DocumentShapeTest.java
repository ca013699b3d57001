package dev.weft.limits;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.parser.Parser;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

public class DocumentShapeTest {

    /** The audit's fragment bomb: F0 has two fields, each Fi spreads F(i-1) twice. */
    public static String fragmentBomb(int fragments) {
        String definitions = IntStream.range(1, fragments).mapToObj(i -> "fragment F" + i + " on HrEmployees { ...F"
                + (i - 1) + " ...F" + (i - 1) + " }").collect(Collectors.joining(" "));
        return "{ hr_employees { ...F" + (fragments - 1) + " } } fragment F0 on HrEmployees { emp_no last_name } " + definitions;
    }

    private static DocumentShape shape(String query) {
        return DocumentShape.of(Parser.parse(query));
    }

    @Test
    void countsFieldsAndDepthAsTheyWouldExecute() {
        DocumentShape s = shape("{ hr_employees { emp_no status { since employee { emp_no } } } }");
        assertThat(s.fields()).isEqualTo(6);
        assertThat(s.depth()).isEqualTo(4);
        assertThat(shape("{ a b c }")).isEqualTo(new DocumentShape(3, 1));
    }

    @Test
    void countsAFragmentEachTimeItIsSpread() {
        DocumentShape s = shape("{ a { ...F ...F b { ...F } } } fragment F on T { x y { z } }");
        assertThat(s.fields()).as("a, b and F three times (3 fields each)").isEqualTo(2 + 3 * 3);
        assertThat(s.depth()).as("a b y z").isEqualTo(4);
        assertThat(shape("{ a { ... on T { b { ... { c } } } } }")).isEqualTo(new DocumentShape(3, 3));
    }

    @Test
    void measuresTheFragmentBombWithoutExpandingIt() {
        long start = System.nanoTime();
        DocumentShape s = shape(fragmentBomb(40));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(s.fields()).isEqualTo((1L << 40) + 1);
        assertThat(s.depth()).isEqualTo(2);
        assertThat(millis).as("bounded work, a safety bound").isLessThan(2_000);
    }

    @Test
    void saturatesInsteadOfOverflowing() {
        assertThat(shape(fragmentBomb(80)).fields()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void fragmentsInACycleOrUndefinedCountNothingForValidationToRefuse() {
        assertThat(shape("{ a { ...A } } fragment A on T { x ...B } fragment B on T { y ...A }")).isEqualTo(new DocumentShape(1, 1));
        assertThat(shape("{ a { ...Missing } }")).isEqualTo(new DocumentShape(1, 1));
    }

    @Test
    void measuresTheLargestOperationWhicheverIsAskedFor() {
        assertThat(shape("query Small { a } query Big { a { b { c } } } query Wide { a b c d }"))
                .isEqualTo(new DocumentShape(4, 3));
    }
}
