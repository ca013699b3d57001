package dev.weft.it;

/** {@link MariadbFamilyTypeScenarios} through MySQL Connector/J. */
class MysqlTypesIT extends MariadbFamilyTypeScenarios {
    @Override
    protected Target target() {
        return Target.MYSQL;
    }

    @Override
    protected boolean bindsFractionalSeconds() {
        return false; // see TypeScenarios#boundTimesAndTimestampsKeepMicrosecondsWhereTheDriverSendsThem
    }
}
