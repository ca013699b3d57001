package dev.weft.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The repository's {@code Dockerfile} read as Docker reads it: stages ({@code FROM ... AS name}), each a list of
 * instructions with their arguments (continuation lines joined, comments dropped), so tests can check and run
 * exactly what the image does.
 *
 * <pre>{@code
 * Dockerfile file = Dockerfile.read(Path.of("Dockerfile"));
 * List<String> entrypoint = file.last().execForm("ENTRYPOINT");   // [java, -XX:MaxRAMPercentage=75, -jar, weft.jar]
 * }</pre>
 */
public record Dockerfile(List<Stage> stages) {

    /** One instruction: {@code COPY --from=build /a ./} is keyword COPY, arguments {@code --from=build /a ./}. */
    public record Instruction(String keyword, String arguments) {
        public List<String> words() {
            return List.of(arguments.trim().split("\\s+"));
        }
    }

    /** One stage: its base image, its name (null when unnamed) and its instructions after FROM. */
    public record Stage(String image, String name, List<Instruction> instructions) {
        public List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        public Instruction only(String keyword) {
            List<Instruction> found = all(keyword);
            if (found.size() != 1) {
                throw new AssertionError("expected one " + keyword + " in stage " + name + ", found " + found);
            }
            return found.get(0);
        }

        /** The JSON array form of {@code keyword} (ENTRYPOINT, CMD) as a list of words. */
        public List<String> execForm(String keyword) {
            return List.of(JsonMapper.builder().build().readValue(only(keyword).arguments(), String[].class));
        }

        /** WORKDIR of the stage. */
        public String workdir() {
            return only("WORKDIR").arguments().trim();
        }

        /** The variables of its ENV instructions ({@code ENV A=1 \ B=2}). */
        public Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction i : all("ENV")) {
                for (String pair : i.words()) {
                    int eq = pair.indexOf('=');
                    env.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            return env;
        }
    }

    public static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Stage> stages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            String text = current.append(line).toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            String keyword = text.substring(0, space).toUpperCase(java.util.Locale.ROOT);
            String arguments = text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] words = arguments.split("\\s+");
                stages.add(new Stage(words[0], words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null, new ArrayList<>()));
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    public Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in the Dockerfile"));
    }

    /** The stage the image runs. */
    public Stage last() {
        return stages.get(stages.size() - 1);
    }
}
