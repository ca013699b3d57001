package dev.weft.it;

import dev.weft.config.AccessSpec;
import dev.weft.config.BreakerSettings;
import dev.weft.config.FederationSpec;
import dev.weft.config.LimitSettings;
import dev.weft.config.RelationshipSpec;
import dev.weft.config.ServiceSettings;
import dev.weft.config.WeftProperties;
import dev.weft.ops.SourceBreakers;
import dev.weft.ops.SourceOperations;
import dev.weft.reload.SourceSupply;
import dev.weft.web.WeftRuntime;
import java.util.List;

/** Runtimes whose PostgreSQL builds the JSON of every level that qualifies, however small ({@code source-json-threshold: 0}). */
final class SourceJsonRuntime {
    private SourceJsonRuntime() {
    }

    static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships, AccessSpec access,
                             LimitSettings limits, boolean stringifyNumericTypes) {
        return WeftRuntime.start(services, relationships, WeftProperties.DEFAULT_CROSS_SOURCE_MAX_KEYS, access, limits,
                new SourceOperations(new SourceBreakers(BreakerSettings.DEFAULT), null), true, FederationSpec.NONE,
                SourceSupply.fresh(), stringifyNumericTypes, 0);
    }

    static WeftRuntime start(List<ServiceSettings> services, List<RelationshipSpec> relationships) {
        return start(services, relationships, null, LimitSettings.DEFAULTS, false);
    }
}
