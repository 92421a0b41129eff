package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.JobEvent;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.webhook.WebhookSecret;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The webhook settings (docs/webhooks.md, docs/configuration.md): the endpoints of {@code PIPELINE_WEBHOOK_URLS},
 * each {@code URL [slack] [event ...]}, the signing secret and the public address the payload's poll URL starts
 * with. Plain {@code http} only to loopback, unless {@code PIPELINE_WEBHOOK_ALLOW_HTTP=true}.
 */
public record WebhookConfig(List<WebhookEndpoint> endpoints, Optional<WebhookSecret> secret, URI publicUrl,
                            Optional<String> secretValue) {

    public WebhookConfig {
        endpoints = List.copyOf(endpoints);
    }

    static WebhookConfig read(Variables variables, String host, int port) {
        boolean allowHttp = variables.bool(Variables.PIPELINE_WEBHOOK_ALLOW_HTTP, false);
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (String entry : variables.commaSeparated(Variables.PIPELINE_WEBHOOK_URLS)) {
            endpoints.add(endpoint(entry, allowHttp));
        }
        Optional<String> secretValue = variables.text(Variables.PIPELINE_WEBHOOK_SECRET);
        Optional<WebhookSecret> secret = secretValue.map(value -> {
            try {
                return WebhookSecret.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(Variables.PIPELINE_WEBHOOK_SECRET + " is wrong: " + e.getMessage() + ".", e);
            }
        });
        if (secret.isEmpty() && endpoints.stream().anyMatch(e -> e.format() == WebhookFormat.JSON)) {
            throw new ConfigException(Variables.PIPELINE_WEBHOOK_SECRET + " must be set when "
                    + Variables.PIPELINE_WEBHOOK_URLS + " has an endpoint without slack: receivers verify the"
                    + " signature with it (whsec_ and a base64 key, e.g. whsec_$(openssl rand -base64 32)).");
        }
        return new WebhookConfig(endpoints, secret, publicUrl(variables, host, port), secretValue);
    }

    private static WebhookEndpoint endpoint(String entry, boolean allowHttp) {
        String[] words = entry.split("\\s+");
        URI url = Variables.checked(Variables.PIPELINE_WEBHOOK_URLS, words[0], "a comma-separated list of"
                + " \"URL [slack] [event ...]\" with absolute http(s) URLs", () -> absolute(words[0]));
        if (url.getScheme().equalsIgnoreCase("http") && !allowHttp && !isLoopback(url.getHost())) {
            throw new ConfigException(Variables.PIPELINE_WEBHOOK_URLS + " has the plain http address "
                    + Variables.quoted(words[0]) + ": events go only to https, or to http on loopback, unless "
                    + Variables.PIPELINE_WEBHOOK_ALLOW_HTTP + "=true.");
        }
        WebhookFormat format = WebhookFormat.JSON;
        Set<String> events = new LinkedHashSet<>();
        for (int i = 1; i < words.length; i++) {
            String word = words[i];
            if (word.equals("slack")) {
                format = WebhookFormat.SLACK;
            } else {
                Variables.checked(Variables.PIPELINE_WEBHOOK_URLS, word, "\"slack\" or an event after a URL ("
                        + String.join(", ", JobEvent.types()) + ")", () -> JobEvent.requireKnownType(word));
                events.add(word);
            }
        }
        return new WebhookEndpoint(url, events, format);
    }

    private static URI absolute(String value) {
        try {
            URI url = new URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Loopback by name or literal address only: nothing is looked up, so DNS cannot turn it into another host. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code PIPELINE_PUBLIC_URL}, or this server as seen from its own machine. */
    private static URI publicUrl(Variables variables, String host, int port) {
        Optional<String> given = variables.text(Variables.PIPELINE_PUBLIC_URL);
        if (given.isPresent()) {
            return Variables.checked(Variables.PIPELINE_PUBLIC_URL, given.get(), "an absolute http(s) URL such as"
                    + " https://etl.example.com", () -> absolute(given.get()));
        }
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + shown + ":" + port);
    }
}
