package dev.weft.web;

import java.nio.file.Path;
import java.util.List;

/**
 * One version of what Weft serves, swapped whole by a reload: the runtime (catalog, schemas per role, executors,
 * document caches), the access control resolved against it, the files it was loaded from and their hash.
 * Requests hold one for their whole run ({@link dev.weft.reload.Snapshots#enter()}).
 *
 * @param files the configuration files this version was read from (weft.yml, relationships.yml, access.yml), to watch
 * @param configuration a hash of those files' content
 */
public record Served(WeftRuntime runtime, WeftSecurity security, List<Path> files, String configuration) {
    public Served {
        files = List.copyOf(files);
    }
}
