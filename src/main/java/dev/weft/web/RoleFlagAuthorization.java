package dev.weft.web;

import dev.weft.security.Caller;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Admits a request only when the role it acts as ({@link RoleAuthorization}) is one of {@code allowed}: the roles with
 * an option of access.yml such as {@code explain: true}; others get 403 with the option's name in the message.
 */
final class RoleFlagAuthorization implements AuthorizationManager<RequestAuthorizationContext> {
    private final RoleAuthorization roles;
    private final Supplier<Set<String>> allowed;
    private final String what;
    private final String option;

    /**
     * @param what   what the request asks, for the message: "explain requests"
     * @param option the access.yml option that allows it: "explain: true"
     */
    RoleFlagAuthorization(RoleAuthorization roles, Set<String> allowed, String what, String option) {
        this(roles, () -> allowed, what, option);
    }

    /** @param allowed the roles with the option in the serving version of access.yml (a reload may change them) */
    RoleFlagAuthorization(RoleAuthorization roles, Supplier<Set<String>> allowed, String what, String option) {
        this.roles = roles;
        this.allowed = allowed;
        this.what = what;
        this.option = option;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationResult role = roles.authorize(authentication, context);
        if (role == null || !role.isGranted()) {
            return role;
        }
        Caller caller = (Caller) context.getRequest().getAttribute(Caller.CONTEXT_KEY);
        if (caller == null || !allowed.get().contains(caller.role())) {
            return new RoleAuthorization.Denied("the role '" + (caller == null ? null : caller.role()) + "' may not " + what
                    + " (" + option + " in access.yml allows it)");
        }
        return role;
    }
}
