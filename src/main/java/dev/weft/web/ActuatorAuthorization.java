package dev.weft.web;

import dev.weft.security.Caller;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Admits a request to Actuator's endpoints other than health ({@code /actuator/prometheus}) only when the
 * role it acts as ({@link RoleAuthorization}) has {@code actuator: true} in access.yml; others get 403.
 */
final class ActuatorAuthorization implements AuthorizationManager<RequestAuthorizationContext> {
    private final RoleAuthorization roles;
    private final Supplier<Set<String>> actuatorRoles;

    /** @param actuatorRoles the roles with {@code actuator: true} in the serving version of access.yml */
    ActuatorAuthorization(RoleAuthorization roles, Supplier<Set<String>> actuatorRoles) {
        this.roles = roles;
        this.actuatorRoles = actuatorRoles;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationResult role = roles.authorize(authentication, context);
        if (role == null || !role.isGranted()) {
            return role;
        }
        Caller caller = (Caller) context.getRequest().getAttribute(Caller.CONTEXT_KEY);
        if (caller == null || !actuatorRoles.get().contains(caller.role())) {
            return new RoleAuthorization.Denied("the role '" + (caller == null ? null : caller.role())
                    + "' may not read Actuator's endpoints (actuator: true in access.yml allows it)");
        }
        return role;
    }
}
