package dev.weft.web;

import dev.weft.config.ConfigProblem;
import dev.weft.config.SecuritySettings;
import dev.weft.config.WeftConfigException;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.reload.Reloader;
import dev.weft.reload.SourceSupply;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Builds a new {@link Served} version exactly as start-up builds the first: weft.yml read again
 * ({@link ReloadedEnvironment}), then the same checks and the same start of the runtime
 * ({@link WeftSecurityConfiguration#weftSecuritySettings}, {@link WeftConfiguration#weftRuntime}), so a problem
 * reads as it would at start-up, with its file and line. What a reload cannot change is refused or warned
 * about: switching access control on or off and the embedded demo (refused), {@code weft.security.*} other
 * than access.yml itself (warned: it needs a restart).
 */
final class ConfigurationReload implements Reloader.Loader<Served> {
    private static final Logger log = LoggerFactory.getLogger(ConfigurationReload.class);

    private final ConfigurableEnvironment startup;
    private final SourceBreakers breakers;
    private final ObjectProvider<MeterRegistry> meters;
    private final WeftSecurity initialSecurity;
    private final dev.weft.ops.RequestTracing tracing;

    ConfigurationReload(ConfigurableEnvironment startup, SourceBreakers breakers, ObjectProvider<MeterRegistry> meters,
                        WeftSecurity initialSecurity, dev.weft.ops.RequestTracing tracing) {
        this.tracing = tracing;
        this.startup = startup;
        this.breakers = breakers;
        this.meters = meters;
        this.initialSecurity = initialSecurity;
    }

    /** The version start-up built, with the files it came from. */
    Served initial(WeftRuntime runtime) {
        List<Path> files = ReloadedEnvironment.files(startup, initialSecurity.settings());
        return new Served(runtime, initialSecurity, files, ReloadedEnvironment.hash(files));
    }

    @Override
    public Served load(SourceSupply supply) {
        ConfigurableEnvironment environment = ReloadedEnvironment.read(startup);
        WeftProperties properties = Binder.get(environment).bind("weft", Bindable.of(WeftProperties.class))
                .orElse(WeftProperties.of(null, Map.of()));
        if (properties.services().isEmpty()) {
            throw new WeftConfigException(WeftConfiguration.origins(environment).locate(List.of(new ConfigProblem(null,
                    "weft.services", "no services are configured; a reload does not switch to the embedded demo"))));
        }
        SecuritySettings.Validation validation = new WeftSecurityConfiguration().weftSecuritySettings(environment);
        if (validation.problems().isEmpty() && validation.settings().isPresent() != initialSecurity.enabled()) {
            throw new WeftConfigException(List.of(new ConfigProblem(null, "weft.security.access", initialSecurity.enabled()
                    ? "access control was on at start-up and there is no access.yml now; a reload does not switch it off"
                    : "access control was off at start-up; a reload does not switch it on: restart Weft")));
        }
        List<Path> files = ReloadedEnvironment.files(environment, validation.settings().orElse(null));
        String hash = ReloadedEnvironment.hash(files);
        WeftRuntime runtime = new WeftConfiguration().weftRuntime(environment, validation, breakers, meters, supply, tracing);
        SecuritySettings settings = validation.settings().orElse(null);
        if (settings != null) {
            SecuritySettings initial = initialSecurity.settings();
            if (!Objects.equals(settings.jwt(), initial.jwt()) || !Objects.equals(settings.anonymousRole(), initial.anonymousRole())
                    || !Objects.equals(settings.file(), initial.file())) {
                log.warn("weft.security.* changed: access.yml's roles and keys are reloaded, but the other weft.security settings"
                        + " (bearer tokens, anonymous-role, the access file's path) keep their start-up values until a restart");
            }
        }
        return new Served(runtime, settings == null ? WeftSecurity.OPEN : new WeftSecurity(settings, runtime.securityModel()),
                files, hash);
    }

    @Override
    public String configuration(Served value) {
        return value.configuration();
    }

    @Override
    public void release(Served old, Set<String> sharedPools) {
        old.runtime().retire(sharedPools);
    }

    @Override
    public void replaced(javax.sql.DataSource pool) {
        dev.weft.ops.SourceOperations.bindPoolAgain(pool, meters.getIfAvailable());
    }
}
