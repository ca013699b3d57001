package dev.weft.catalog;

/**
 * Names a table or view exactly as the source catalogues it: {@code hr / public / employees}.
 * {@code schema} is null where the source has none (MySQL databases are the URL's).
 */
public record TableRef(ServiceName service, String schema, String name) {
    /** Written out: a record's generated hash goes through a method handle, on every map lookup of a request. */
    @Override
    public int hashCode() {
        return (31 * java.util.Objects.hashCode(service) + java.util.Objects.hashCode(schema)) * 31
                + java.util.Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return service + "." + (schema == null ? "" : schema + ".") + name;
    }
}
