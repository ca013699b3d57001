package dev.weft.execute.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A chunk hands its bytes over piece by piece; every other view answers for the bytes not yet handed over. */
class ChunkTest {
    @Test
    void appendsWhatFitsAndViewsTheRest() {
        byte[] bytes = "xxa\"é".getBytes(StandardCharsets.UTF_8);
        Chunk chunk = new Chunk();
        chunk.set(bytes, 0, bytes.length);
        byte[] target = new byte[2];
        assertThat(chunk.appendUnquotedUTF8(target, 0)).isEqualTo(2);
        assertThat(chunk.appendUnquotedUTF8(target, 2)).as("no room left").isEqualTo(-1);
        assertThat(chunk.getValue()).isEqualTo("a\"é");
        assertThat(chunk.charLength()).isEqualTo(3);
        assertThat(new String(chunk.asQuotedChars())).isEqualTo("a\\\"é");
        assertThat(new String(chunk.asQuotedUTF8(), StandardCharsets.UTF_8)).isEqualTo("a\\\"é");
        char[] chars = new char[8];
        assertThat(chunk.appendUnquoted(chars, 0)).isEqualTo(3);
        assertThat(new String(chars, 0, 3)).isEqualTo("a\"é");
        assertThat(chunk.asUnquotedUTF8()).as("the next single byte").containsExactly('a');
    }
}
