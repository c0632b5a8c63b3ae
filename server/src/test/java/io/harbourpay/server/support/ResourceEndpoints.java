package io.harbourpay.server.support;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The endpoints JAX-RS resources declare, as "METHOD /path/{template}", for coverage tables. */
public final class ResourceEndpoints {
  private ResourceEndpoints() {}

  public static Set<String> declared(List<Class<?>> resources) {
    Set<String> declared = new TreeSet<>();
    for (Class<?> resource : resources) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        String verb =
            method.isAnnotationPresent(GET.class)
                ? "GET"
                : method.isAnnotationPresent(POST.class)
                    ? "POST"
                    : method.isAnnotationPresent(PUT.class) ? "PUT" : null;
        if (verb == null) continue;
        Path path = method.getAnnotation(Path.class);
        declared.add(verb + " " + base + (path == null ? "" : path.value()));
      }
    }
    return declared;
  }
}
