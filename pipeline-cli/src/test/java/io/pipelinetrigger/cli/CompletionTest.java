package io.pipelinetrigger.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {

    @Test
    void generateCompletionPrintsABashScriptThatKnowsEveryCommand() {
        Console console = Console.pipe();

        assertThat(console.run("generate-completion")).isZero();

        assertThat(console.out()).contains("complete -F").contains("pipeline-trigger")
                .contains("trigger").contains("status").contains("wait").contains("logs").contains("list").contains("cancel");
    }
}
