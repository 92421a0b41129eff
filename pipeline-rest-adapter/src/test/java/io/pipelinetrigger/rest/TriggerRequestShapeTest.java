package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client can put into a run, proven by the type the decoder produces: exactly the enumerated pipeline
 * and dbt command, the two flags, a bounded timeout, the enumerated busy policy and a bounded queue timeout. No string of the request survives decoding, so none can
 * reach an image name, a command line, a mount, an environment variable name or a container option: those are
 * built from the operator's configuration only (see ContainerPlanIsolationTest in the Docker adapter).
 */
class TriggerRequestShapeTest {

    @Test
    void theDecodedRequestHasExactlyTheEnumeratedPipelineAndCommandTheTwoFlagsAndATimeout() {
        Map<String, Type> components = new LinkedHashMap<>();
        for (RecordComponent component : TriggerPipelineCommand.class.getRecordComponents()) {
            components.put(component.getName(), component.getGenericType());
        }

        assertThat(components.keySet())
                .containsExactly("pipeline", "command", "enableOpenlineage", "enableElementary", "timeout", "onBusy",
                        "queueTimeout");
        assertThat(components.get("pipeline")).isEqualTo(Pipeline.class);
        assertThat(optionalOf(components.get("command"))).isEqualTo(DbtCommand.class);
        assertThat(optionalOf(components.get("enableOpenlineage"))).isEqualTo(Boolean.class);
        assertThat(optionalOf(components.get("enableElementary"))).isEqualTo(Boolean.class);
        assertThat(optionalOf(components.get("timeout"))).isEqualTo(Duration.class);
        assertThat(optionalOf(components.get("onBusy"))).isEqualTo(BusyPolicy.class);
        assertThat(BusyPolicy.class.isEnum()).isTrue();
        assertThat(optionalOf(components.get("queueTimeout"))).isEqualTo(Duration.class);
    }

    @Test
    void thePipelineAndCommandAreClosedEnumerationsNotFreeText() {
        assertThat(Pipeline.class.isEnum()).isTrue();
        assertThat(DbtCommand.class.isEnum()).isTrue();
        assertThat(Arrays.stream(Pipeline.values()).map(Pipeline::wireName)).containsExactly("ingester", "dbt", "full");
        assertThat(Arrays.stream(DbtCommand.values()).map(DbtCommand::wireName))
                .containsExactly("daily", "run", "build", "test", "deps", "elementary");
    }

    @Test
    void theTimeoutIsBoundedToAWeek() {
        assertThat(TriggerPipelineCommand.MAX_TIMEOUT_SECONDS).isEqualTo(604_800);
    }

    private static Type optionalOf(Type type) {
        assertThat(type).isInstanceOf(ParameterizedType.class);
        ParameterizedType optional = (ParameterizedType) type;
        assertThat(optional.getRawType()).isEqualTo(Optional.class);
        return optional.getActualTypeArguments()[0];
    }
}
