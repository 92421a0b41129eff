package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drops a client that sends a request's header too slowly. Grizzly's idle timeout restarts with every byte,
 * so a client that trickles one header line every few seconds would hold its connection forever (slowloris).
 * Here the clock starts with the first bytes the HTTP codec cannot yet make a message of, and stops when the
 * codec hands on the parsed header; if the deadline comes first, the connection is closed.
 */
final class RequestHeaderDeadline implements AddOn {

    private static final System.Logger LOG = System.getLogger(RequestHeaderDeadline.class.getName());
    private static final Attribute<Pending> PENDING =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(RequestHeaderDeadline.class.getName() + ".pending");

    private final Duration deadline;
    private final ScheduledExecutorService timer;

    RequestHeaderDeadline(Duration deadline, ScheduledExecutorService timer) {
        this.deadline = deadline;
        this.timer = timer;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("Grizzly's HTTP codec is not in the filter chain of " + listener.getName());
        }
        builder.add(codec, new Start());
        builder.add(codec + 2, new Stop());
    }

    private static final class Pending {
        volatile ScheduledFuture<?> future;
    }

    /** Before the codec: bytes arrived; start the clock unless it runs already. */
    private final class Start extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            Connection<?> connection = ctx.getConnection();
            if (PENDING.get(connection) == null) {
                Pending pending = new Pending();
                PENDING.set(connection, pending);
                pending.future = timer.schedule(() -> dropIfStillPending(connection, pending),
                        deadline.toMillis(), TimeUnit.MILLISECONDS);
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) {
            stopClock(ctx.getConnection());
            return ctx.getInvokeAction();
        }
    }

    /** After the codec: a message (header, or a part of a body) was parsed in time. */
    private static final class Stop extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (ctx.getMessage() instanceof HttpContent) {
                stopClock(ctx.getConnection());
            }
            return ctx.getInvokeAction();
        }
    }

    private static void stopClock(Connection<?> connection) {
        Pending pending = PENDING.remove(connection);
        if (pending != null && pending.future != null) {
            pending.future.cancel(false);
        }
    }

    // only the clock that is still the connection's own may close it (not one stopped a moment ago)
    private void dropIfStillPending(Connection<?> connection, Pending pending) {
        if (connection.isOpen() && PENDING.get(connection) == pending) {
            LOG.log(System.Logger.Level.INFO, "closing a connection from " + connection.getPeerAddress()
                    + ": its request header did not arrive within " + deadline);
            connection.closeSilently();
        }
    }
}
