package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.WeftConfigException;
import dev.weft.config.YamlFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Spring's YAML loader for {@code weft.yml}, {@code application.yml} and every other {@code .yml} /
 * {@code .yaml} configuration file, with Weft's checks first ({@link YamlFile}): a syntax error (a
 * missing {@code }}, a TAB) or a key written twice becomes a {@link WeftConfigException} naming the file
 * and line, reported as "Weft cannot start" like every other problem, instead of SnakeYAML's exception
 * and a stack trace. Registered in {@code META-INF/spring.factories}, ahead of Spring's own loader.
 */
public final class CheckedYamlPropertySourceLoader implements PropertySourceLoader, Ordered {
    private final YamlPropertySourceLoader spring = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return spring.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        String file = fileName(resource);
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            List<ConfigProblem> problems = YamlFile.compose(file, reader).problems();
            if (!problems.isEmpty()) {
                throw new WeftConfigException(problems);
            }
        }
        return spring.load(name, resource);
    }

    /** The path of a file, else the resource's own description ({@code class path resource [application.yml]}). */
    static String fileName(Resource resource) {
        try {
            return resource.isFile() ? resource.getFile().getPath() : resource.getDescription();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
