package dev.weft.catalog;

import dev.weft.config.ServiceSettings;
import java.util.List;
import java.util.Optional;

/** A configured service with the tables Weft serves from it. */
public record Source(ServiceSettings settings, List<Table> tables) {
    public Source {
        tables = List.copyOf(tables);
    }

    public ServiceName name() {
        return new ServiceName(settings.name());
    }

    public Optional<Table> table(String tableName) {
        return tables.stream().filter(t -> t.ref().name().equals(tableName)).findFirst();
    }
}
