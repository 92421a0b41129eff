package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookConfigTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void withoutEndpointsNothingIsSentAndNoSecretIsNeeded() {
        WebhookConfig webhooks = AppConfigTest.config().webhooks();

        assertThat(webhooks.endpoints()).isEmpty();
        assertThat(webhooks.secret()).isEmpty();
        assertThat(webhooks.publicUrl()).isEqualTo(URI.create("http://localhost:3000"));
    }

    @Test
    void eachEntryIsAUrlWithItsFormatAndTheEventsItWants() {
        WebhookConfig webhooks = AppConfigTest.config("PIPELINE_WEBHOOK_URLS",
                "https://hooks.example.com/etl, https://chat.example.com/in slack job.failed job.timed_out",
                "PIPELINE_WEBHOOK_SECRET", SECRET, "PIPELINE_PUBLIC_URL", "https://etl.example.com").webhooks();

        assertThat(webhooks.endpoints()).containsExactly(
                new WebhookEndpoint(URI.create("https://hooks.example.com/etl"), Set.of(), WebhookFormat.JSON),
                new WebhookEndpoint(URI.create("https://chat.example.com/in"), Set.of("job.failed", "job.timed_out"),
                        WebhookFormat.SLACK));
        assertThat(webhooks.secret()).isPresent();
        assertThat(webhooks.publicUrl()).isEqualTo(URI.create("https://etl.example.com"));
    }

    @Test
    void plainHttpIsRefusedBeyondLoopbackUnlessAllowed() {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "http://hooks.example.com/etl slack"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PIPELINE_WEBHOOK_URLS has the plain http address \"http://hooks.example.com/etl\"");

        assertThat(AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "http://127.0.0.1:9000/in slack").webhooks().endpoints())
                .hasSize(1);
        assertThat(AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "http://hooks.example.com/etl slack",
                "PIPELINE_WEBHOOK_ALLOW_HTTP", "true").webhooks().endpoints()).hasSize(1);
    }

    @Test
    void aHostNameThatMerelyLooksLocalIsNotLoopback() {
        assertThat(WebhookConfig.isLoopback("localhost")).isTrue();
        assertThat(WebhookConfig.isLoopback("[::1]")).isTrue();
        assertThat(WebhookConfig.isLoopback("127.0.0.2")).isTrue();
        assertThat(WebhookConfig.isLoopback("localhost.example.com")).isFalse();
        assertThat(WebhookConfig.isLoopback("10.0.0.1")).isFalse();
    }

    @Test
    void aSignedEndpointNeedsTheSecretAndAWrongSecretIsNamed() {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "https://hooks.example.com/etl"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PIPELINE_WEBHOOK_SECRET must be set when PIPELINE_WEBHOOK_URLS has an endpoint without slack");
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "https://hooks.example.com/etl",
                "PIPELINE_WEBHOOK_SECRET", "not-a-whsec-key"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PIPELINE_WEBHOOK_SECRET is wrong: ");
    }

    @Test
    void anUnknownEventOrANonUrlIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "https://hooks.example.com/etl slack job.exploded"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PIPELINE_WEBHOOK_URLS must be");
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "hooks.example.com slack"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PIPELINE_WEBHOOK_URLS must be");
        assertThatThrownBy(() -> AppConfigTest.config("PIPELINE_WEBHOOK_URLS", "https://x.example.com slack",
                "PIPELINE_PUBLIC_URL", "etl.example.com"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("PIPELINE_PUBLIC_URL must be");
    }
}
