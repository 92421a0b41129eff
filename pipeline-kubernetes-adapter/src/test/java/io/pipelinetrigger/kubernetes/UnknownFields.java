package io.pipelinetrigger.kubernetes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Walks a fabric8 model and names every field that landed in an {@code additionalProperties} map (unknown to the model). */
final class UnknownFields {

    private UnknownFields() {
    }

    static void collect(Object model, String path, List<String> unknown) {
        if (model == null || !model.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String name = path + "." + getter.getName().substring(3);
            if (getter.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (value instanceof Collection<?> items) {
                items.forEach(item -> collect(item, name + "[]", unknown));
            } else if (value instanceof Map<?, ?> entries) {
                entries.values().forEach(item -> collect(item, name + "{}", unknown));
            } else {
                collect(value, name, unknown);
            }
        }
    }
}
