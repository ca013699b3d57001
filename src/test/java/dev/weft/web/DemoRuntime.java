package dev.weft.web;

import dev.weft.config.AccessFile;
import dev.weft.config.ConfigOrigins;
import dev.weft.config.ConfigValidator;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipsFile;
import dev.weft.config.WeftProperties;

/** The embedded demo (fresh databases, the top-level relationships.yml) as a runtime for tests. */
final class DemoRuntime {

    private DemoRuntime() {
    }

    /** The demo without access control. */
    static WeftRuntime start() {
        return start(null);
    }

    /** The demo with the roles of {@code accessYml} (null: no access control). */
    static WeftRuntime start(String accessYml) {
        return start(accessYml, LimitSettings.DEFAULTS);
    }

    /** The demo with the roles of {@code accessYml} (null: no access control) and {@code limits} as weft.limits. */
    static WeftRuntime start(String accessYml, LimitSettings limits) {
        return WeftRuntime.start(new ConfigValidator(ConfigOrigins.NONE).validate(WeftProperties.of(null, DemoDatabases.create())),
                RelationshipsFile.load("relationships.yml"), WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS,
                accessYml == null ? null : AccessFile.parse("access.yml", accessYml), limits);
    }
}
