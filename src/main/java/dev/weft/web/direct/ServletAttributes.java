package dev.weft.web.direct;

import jakarta.servlet.http.HttpServletRequest;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attributes of a servlet request as the map a {@link org.springframework.graphql.server.WebGraphQlRequest}
 * carries, read and written through: what authentication put there ({@code Caller}, the response bound) is what
 * interceptors and the execution service find, as with Spring's own request object.
 */
final class ServletAttributes extends AbstractMap<String, Object> {
    private final HttpServletRequest request;

    ServletAttributes(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Object get(Object key) {
        return key instanceof String name ? request.getAttribute(name) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Object put(String key, Object value) {
        Object previous = request.getAttribute(key);
        request.setAttribute(key, value);
        return previous;
    }

    @Override
    public Object remove(Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        Object previous = request.getAttribute(name);
        request.removeAttribute(name);
        return previous;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        List<String> names = Collections.list(request.getAttributeNames());
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                List<Entry<String, Object>> entries = new ArrayList<>(names.size());
                names.forEach(name -> entries.add(new SimpleImmutableEntry<>(name, request.getAttribute(name))));
                return entries.iterator();
            }

            @Override
            public int size() {
                return names.size();
            }
        };
    }
}
