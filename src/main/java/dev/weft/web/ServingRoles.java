package dev.weft.web;

import dev.weft.reload.Snapshots;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Set;

/** The role names of the serving version's access.yml, as a live set (a reload may add or remove roles). */
final class ServingRoles extends AbstractSet<String> {
    private final Snapshots<Served> snapshots;

    ServingRoles(Snapshots<Served> snapshots) {
        this.snapshots = snapshots;
    }

    private Set<String> roles() {
        return snapshots.current().security().model().roles().keySet();
    }

    @Override
    public boolean contains(Object role) {
        return roles().contains(role);
    }

    @Override
    public Iterator<String> iterator() {
        return roles().iterator();
    }

    @Override
    public int size() {
        return roles().size();
    }
}
