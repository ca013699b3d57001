package dev.weft.web;

import dev.weft.reload.ReloadStatus;
import dev.weft.reload.Reloader;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/weft/reload}: {@code GET} shows the serving version and the last reload's outcome
 * ({@link ReloadStatus}); {@code POST} reloads now, reading every source's tables again (a table added to a
 * database appears), and answers 200 with the new status, or 422 with the problems when the configuration is
 * refused (the old version serves on). Exposed with {@code management.endpoints.web.exposure.include: health,weft};
 * with access control, only roles with {@code actuator: true} reach it ({@link RoleFlagAuthorization}).
 */
@Endpoint(id = "weft")
public class WeftReloadEndpoint {
    private static final String RELOAD = "reload";
    private final Reloader<Served> reloader;

    WeftReloadEndpoint(Reloader<Served> reloader) {
        this.reloader = reloader;
    }

    @ReadOperation
    public WebEndpointResponse<ReloadStatus> status(@Selector String operation) {
        if (!RELOAD.equals(operation)) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return new WebEndpointResponse<>(reloader.status());
    }

    @WriteOperation
    public WebEndpointResponse<ReloadStatus> reload(@Selector String operation) {
        if (!RELOAD.equals(operation)) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        ReloadStatus status = reloader.reload("endpoint", true);
        return new WebEndpointResponse<>(status, status.refused() ? 422 : WebEndpointResponse.STATUS_OK);
    }
}
