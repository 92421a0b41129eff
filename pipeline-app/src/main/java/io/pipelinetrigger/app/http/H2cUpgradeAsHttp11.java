package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Serves requests that ask for {@code Upgrade: h2c} as plain HTTP/1.1 requests. Java's {@code HttpClient}
 * (and {@code curl --http2}) ask for it on every plain-http request. Grizzly without its HTTP/2 filters then
 * never finds the end of a request body, so every POST hangs (glassfish-grizzly#1972, jersey#6059), and it
 * closes the connection after the answer, so the client's next request on it dies. Dropping the upgrade wish
 * while the headers are parsed avoids both: the client gets an HTTP/1.1 answer, which is what it asks for.
 */
final class H2cUpgradeAsHttp11 implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("Grizzly's HTTP codec is not in the filter chain of " + listener.getName());
        }
        builder.add(codec + 1, new UpgradeEventFilter());
    }

    static final class UpgradeEventFilter extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
            if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
                HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
                if (header.isRequest() && "h2c".equalsIgnoreCase(header.getUpgrade())) {
                    header.setIgnoreContentModifiers(false);
                    header.getUpgradeDC().recycle();
                    header.getHeaders().removeHeader(Header.Upgrade);
                    return ctx.getStopAction();
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
