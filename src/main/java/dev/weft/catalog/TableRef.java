package dev.weft.catalog;

/**
 * Names a table or view exactly as the source catalogues it: {@code hr / public / employees}.
 * {@code schema} is null where the source has none (MySQL databases are the URL's).
 */
public record TableRef(ServiceName service, String schema, String name) {
    @Override
    public String toString() {
        return service + "." + (schema == null ? "" : schema + ".") + name;
    }
}
