package dev.weft.web;

import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;

/**
 * Where Spring's environment set a key, for messages: {@code /etc/weft/weft.yml:7}. A key that is not
 * set itself (a missing {@code kind}, a service as a whole) gets the first line of its nearest section
 * that is: {@code weft.services.hr.kind} is reported at the first key written under {@code hr:}.
 *
 * <pre>{@code
 * ConfigOrigins origins = PropertyOrigins.of(ConfigurationPropertySources.get(environment));
 * origins.originOf("weft.services.hr.kind");   // "weft.yml:4" (hr's url, when kind is missing)
 * }</pre>
 */
public final class PropertyOrigins implements ConfigOrigins {
    /** {@code weft.services.hr}: a section narrower than this says nothing useful about where a key belongs. */
    private static final int SHORTEST_SECTION = 3;

    private final List<ConfigurationPropertySource> sources = new ArrayList<>();

    private PropertyOrigins(Iterable<ConfigurationPropertySource> sources) {
        sources.forEach(this.sources::add);
    }

    public static PropertyOrigins of(Iterable<ConfigurationPropertySource> sources) {
        return new PropertyOrigins(sources);
    }

    @Override
    public String originOf(String key) {
        if (key == null || !ConfigurationPropertyName.isValid(key)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (ConfigurationPropertySource source : sources) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null && property.getOrigin() != null) {
                return readable(property.getOrigin());
            }
        }
        for (ConfigurationPropertyName section = name; section.getNumberOfElements() >= SHORTEST_SECTION;
                section = section.getParent()) {
            Optional<Origin> first = firstUnder(section);
            if (first.isPresent()) {
                return readable(first.get());
            }
        }
        return null;
    }

    /** The same problems, those without a location given the origin of their key. */
    public List<ConfigProblem> locate(List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.location() != null || p.key() == null ? p
                : new ConfigProblem(originOf(p.key()), p.key(), p.message())).toList();
    }

    /** The origin of the first key (by line) set under {@code section}, in the first source that sets any. */
    private Optional<Origin> firstUnder(ConfigurationPropertyName section) {
        for (ConfigurationPropertySource source : sources) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            List<Origin> origins = iterable.stream().filter(section::isAncestorOf)
                    .map(n -> iterable.getConfigurationProperty(n)).filter(p -> p != null && p.getOrigin() != null)
                    .map(ConfigurationProperty::getOrigin).toList();
            if (!origins.isEmpty()) {
                return origins.stream().min(Comparator.comparingInt(PropertyOrigins::line));
            }
        }
        return Optional.empty();
    }

    private static int line(Origin origin) {
        Origin o = unwrap(origin);
        return o instanceof TextResourceOrigin text && text.getLocation() != null ? text.getLocation().getLine() : Integer.MAX_VALUE;
    }

    private static Origin unwrap(Origin origin) {
        return origin instanceof PropertySourceOrigin wrapped && wrapped.getOrigin() != null ? wrapped.getOrigin() : origin;
    }

    /** {@code weft.yml:7} for a key from a file (1-based line), Spring's own text for anything else. */
    static String readable(Origin origin) {
        Origin o = unwrap(origin);
        if (o instanceof TextResourceOrigin text && text.getLocation() != null && text.getResource() != null) {
            return CheckedYamlPropertySourceLoader.fileName(text.getResource()) + ":" + (text.getLocation().getLine() + 1);
        }
        return o.toString();
    }
}
