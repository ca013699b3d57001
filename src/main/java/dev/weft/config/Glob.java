package dev.weft.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table or collection name pattern from {@code include}/{@code exclude}: {@code *} any run of
 * characters, {@code ?} one character, {@code [abc]} or {@code [a-z]} a class, {@code \} escapes.
 * Matching ignores case, so {@code employee*} also selects DB2's {@code EMPLOYEES}.
 */
public record Glob(String text, Pattern pattern) {

    public boolean matches(String name) {
        return pattern.matcher(name).matches();
    }

    /** Equal when the texts are: the pattern is compiled from the text (a Pattern itself has no equality). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Compiles {@code text}, or returns why it is not a valid glob. */
    public static Result parse(String text) {
        if (text == null || text.isBlank()) {
            return new Result(Optional.empty(), "is empty");
        }
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '\\' -> {
                    if (i + 1 == text.length()) {
                        return new Result(Optional.empty(), "ends with a lone '\\'");
                    }
                    regex.append(Pattern.quote(String.valueOf(text.charAt(++i))));
                }
                case '[' -> {
                    int close = text.indexOf(']', i + 2);
                    if (close < 0) {
                        return new Result(Optional.empty(), "has a '[' without its closing ']'");
                    }
                    regex.append(characterClass(text.substring(i + 1, close)));
                    i = close;
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Result(Optional.of(new Glob(text, pattern)), null);
    }

    private static String characterClass(String body) {
        StringBuilder out = new StringBuilder("[");
        int start = 0;
        if (body.startsWith("!")) {
            out.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean range = c == '-' && i > start && i < body.length() - 1;
            out.append(range || Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        return out.append(']').toString();
    }

    /** Either a glob or the reason the text is not one. */
    public record Result(Optional<Glob> glob, String problem) {
    }

    @Override
    public String toString() {
        return text;
    }
}
