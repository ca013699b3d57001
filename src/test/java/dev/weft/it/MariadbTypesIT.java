package dev.weft.it;

/** {@link MariadbFamilyTypeScenarios} through MariaDB Connector/J. */
class MariadbTypesIT extends MariadbFamilyTypeScenarios {
    @Override
    protected Target target() {
        return Target.MARIADB;
    }

    @Override
    protected boolean bindsFractionalSeconds() {
        return true;
    }
}
