package io.pipelinetrigger.docker;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs a real Docker engine: skipped with the reason when none answers, failed instead
 * when {@code CI=true}. Also makes sure the local test image exists.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("docker")
@ExtendWith(DockerEngineCondition.class)
@interface DockerEngineTest {
}
