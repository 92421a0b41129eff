package io.pipelinetrigger.kubernetes;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A toleration written the way {@code kubectl taint} writes a taint: {@code key=value:Effect}, {@code key:Effect},
 * {@code key=value} or {@code key} (the last two: any effect; without a value: the key exists, whatever its value).
 */
public record TolerationRule(String key, Optional<String> value, Optional<String> effect) {

    private static final Pattern KEY = Pattern.compile("([a-z0-9]([a-z0-9.-]*[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    public TolerationRule {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A toleration's key is a label key such as dedicated or example.com/gpu; got \""
                    + key + "\".");
        }
        value.filter(text -> text.isEmpty() || text.contains(":") || text.contains("=")).ifPresent(text -> {
            throw new IllegalArgumentException("A toleration's value is not empty and holds no ':' or '='; got \"" + text + "\".");
        });
        effect.filter(name -> !EFFECTS.contains(name)).ifPresent(name -> {
            throw new IllegalArgumentException("A toleration's effect is NoSchedule, PreferNoSchedule or NoExecute; got \""
                    + name + "\".");
        });
    }

    /** Parses {@code key[=value][:Effect]}. */
    public static TolerationRule parse(String text) {
        String rest = text == null ? "" : text.strip();
        Optional<String> effect = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            effect = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        int equals = rest.indexOf('=');
        Optional<String> value = equals < 0 ? Optional.empty() : Optional.of(rest.substring(equals + 1));
        String key = equals < 0 ? rest : rest.substring(0, equals);
        return new TolerationRule(key, value, effect);
    }

    /** {@code Equal} with a value, {@code Exists} without one. */
    String operator() {
        return value.isPresent() ? "Equal" : "Exists";
    }

    @Override
    public String toString() {
        return key + value.map(v -> "=" + v).orElse("") + effect.map(e -> ":" + e).orElse("");
    }
}
