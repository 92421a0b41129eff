package io.pipelinetrigger.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Resource quantities as Kubernetes writes them ({@code 500m}, {@code 1.5}, {@code 2Gi}), checked before any request. */
final class Quantities {

    private static final Pattern RESOURCE = Pattern.compile("[a-z0-9]([a-z0-9./-]*[a-z0-9])?");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");

    private Quantities() {
    }

    static Map<String, String> checked(Map<String, String> quantities, String what) {
        Map<String, String> copy = new LinkedHashMap<>();
        quantities.forEach((resource, quantity) -> {
            if (resource == null || !RESOURCE.matcher(resource).matches()) {
                throw new IllegalArgumentException("A resource " + what + " names a resource such as cpu or memory; got \""
                        + resource + "\".");
            }
            if (quantity == null || !QUANTITY.matcher(quantity).matches()) {
                throw new IllegalArgumentException("A resource " + what + " is a Kubernetes quantity such as 500m, 2 or 1Gi;"
                        + " got \"" + quantity + "\" for " + resource + ".");
            }
            copy.put(resource, quantity);
        });
        return Collections.unmodifiableMap(copy);
    }
}
