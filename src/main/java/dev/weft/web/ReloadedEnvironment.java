package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.SecuritySettings;
import dev.weft.config.WeftConfigException;
import dev.weft.reload.FileWatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/**
 * The environment of start-up with its configuration files read again: every property source that Spring
 * read from a file ({@code weft.yml} of {@code --spring.config.additional-location}) is replaced by the
 * file's current content, through the same checked loader as at start-up (a YAML mistake is a problem with
 * its file and line); the command line, environment variables and classpath defaults stay as they were.
 *
 * <pre>{@code
 * ConfigurableEnvironment now = ReloadedEnvironment.read(startupEnvironment);
 * List<Path> watched = ReloadedEnvironment.files(now);
 * }</pre>
 */
final class ReloadedEnvironment {
    private static final String ATTACHED = "configurationProperties"; // ConfigurationPropertySources.attach's own source

    private ReloadedEnvironment() {
    }

    static ConfigurableEnvironment read(ConfigurableEnvironment startup) {
        StandardEnvironment copy = new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                // none: those of start-up are copied in order
            }
        };
        Map<Resource, Integer> documents = new LinkedHashMap<>();
        startup.getPropertySources().forEach(source -> {
            Resource file = file(source);
            if (file != null) {
                documents.merge(file, 1, Integer::sum);
            }
        });
        List<ConfigProblem> problems = new ArrayList<>();
        for (PropertySource<?> source : startup.getPropertySources()) {
            if (ATTACHED.equals(source.getName())) {
                continue;
            }
            Resource file = file(source);
            if (file == null) {
                copy.getPropertySources().addLast(source);
                continue;
            }
            String name = CheckedYamlPropertySourceLoader.fileName(file);
            try {
                List<PropertySource<?>> loaded = loader(name).load(source.getName(), file);
                if (documents.get(file) != 1 || loaded.size() != 1) {
                    problems.add(new ConfigProblem(name, null, "a reload reads files of one YAML document only; this one has "
                            + Math.max(documents.get(file), loaded.size()) + ": restart Weft to apply its changes"));
                } else {
                    copy.getPropertySources().addLast(loaded.get(0));
                }
            } catch (WeftConfigException e) {
                problems.addAll(e.problems());
            } catch (IOException | RuntimeException e) {
                problems.add(new ConfigProblem(name, null, "cannot read the file: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new WeftConfigException(problems);
        }
        ConfigurationPropertySources.attach(copy);
        return copy;
    }

    /**
     * The files a version is loaded from: the configuration files Spring read, relationships.yml (the configured
     * one or that of the working directory, which may appear later) and access.yml (unless the demo's).
     */
    static List<Path> files(ConfigurableEnvironment environment, SecuritySettings security) {
        List<Path> files = new ArrayList<>();
        environment.getPropertySources().forEach(source -> {
            Resource file = file(source);
            if (file != null) {
                try {
                    files.add(file.getFile().toPath());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        String relationships = Binder.get(environment).bind("weft.relationships", String.class).orElse(null);
        files.add(Path.of(relationships == null || relationships.isBlank() ? RelationshipsFile.DEFAULT_PATH : relationships));
        if (security != null && !security.demo()) {
            files.add(Path.of(security.file()));
        }
        return files.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    /** A hash of the files' content (an absent file counts as such). */
    static String hash(List<Path> files) {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            String content;
            try {
                content = FileWatcher.sha256(Files.readAllBytes(file));
            } catch (IOException e) {
                content = "absent";
            }
            all.append(content).append('\n'); // content only: instances with the same files agree (the response cache's version)
        }
        return FileWatcher.sha256(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The file a property source was read from, when it was read from a file (not the classpath, not elsewhere). */
    private static Resource file(PropertySource<?> source) {
        if (!(source instanceof EnumerablePropertySource<?> enumerable) || !(source instanceof OriginLookup<?>)
                || source.getName().contains("classpath:")) {
            return null; // Weft's own application.yml: part of the build, not of the configuration
        }
        @SuppressWarnings("unchecked")
        OriginLookup<String> lookup = (OriginLookup<String>) source;
        for (String key : enumerable.getPropertyNames()) {
            for (Origin origin = lookup.getOrigin(key); origin != null; origin = origin.getParent()) {
                if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
                    Resource resource = text.getResource();
                    return !(resource instanceof ClassPathResource) && resource.isFile() ? resource : null;
                }
            }
            return null;
        }
        return null;
    }

    private static PropertySourceLoader loader(String file) {
        return file.endsWith(".properties") ? new PropertiesPropertySourceLoader() : new CheckedYamlPropertySourceLoader();
    }
}
