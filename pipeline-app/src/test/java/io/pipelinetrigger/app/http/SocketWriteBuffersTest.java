package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.http.server.NetworkListener;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketWriteBuffersTest {

    @Test
    void loadingTheServerTellsGrizzlyToWriteAtMost32KiBPerCallSoNoThreadKeepsALargerDirectBuffer() throws Exception {
        Class.forName(PipelineServer.class.getName(), true, PipelineServer.class.getClassLoader());

        // Grizzly reads it once, when its transport class loads: in the server that is after this class loaded
        assertThat(Integer.getInteger(SocketWriteBuffers.PER_WRITE_PROPERTY)).isEqualTo(32 * 1024);
    }

    @Test
    void aConnectionQueuesAtMost64KiBBeforeItsWriterWaitsForTheClient() {
        NetworkListener listener = new NetworkListener("test", "127.0.0.1", 0);

        SocketWriteBuffers.boundEachConnection(listener);

        assertThat(listener.getTransport().getAsyncQueueIO().getWriter().getMaxPendingBytesPerConnection())
                .isEqualTo(64 * 1024);
    }
}
