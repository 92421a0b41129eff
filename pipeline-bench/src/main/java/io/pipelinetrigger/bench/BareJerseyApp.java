package io.pipelinetrigger.bench;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.net.URI;
import java.util.concurrent.CountDownLatch;

/**
 * The anchor of bench/run.sh: a bare Jersey resource on Grizzly, on the API's path, answering a small constant
 * JSON body (GET 200, POST 202). What the server would cost with nothing of ours in it (docs/performance.md).
 * {@code java -cp pipeline-bench.jar io.pipelinetrigger.bench.BareJerseyApp <port>}
 */
public final class BareJerseyApp {

    static final String BODY = "{\"success\":true,\"jobId\":\"dbt-1710460800000-abc123\",\"status\":\"completed\","
            + "\"exitCode\":0,\"output\":\"Done. PASS=271 WARN=5 ERROR=0\\n\"}";

    private BareJerseyApp() {
    }

    @Path("/api/data-analytics/pipeline/trigger")
    public static final class Constant {

        @GET
        public Response poll() {
            return Response.ok(BODY, "application/json").build();
        }

        @POST
        public Response trigger() {
            return Response.accepted(BODY).type("application/json").build();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3001;
        ResourceConfig config = new ResourceConfig().register(new Constant())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:" + port + "/"), config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("bare Jersey app listening on " + port);
        new CountDownLatch(1).await();
    }
}
