package io.pipelinetrigger.app.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web console (docs/console.md): {@code /} redirects to {@code /ui/}, and {@code /ui/<file>} answers one of
 * the console's files, read from the jar once and kept. Only plain file names are served (no folders, no
 * dots but the one before the extension), so no path can reach anything else on the class path. Every answer
 * carries the strict headers of {@link ConsoleHeaders}; a name that is no console file gets the API's usual 404.
 */
@Path("/")
public final class ConsoleResource {

    static final String UI = "/ui/";
    private static final String FOLDER = "/console/";
    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");

    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    @GET
    public Response root() {
        return ConsoleHeaders.strict(Response.seeOther(URI.create(UI))).build();
    }

    /** {@code /ui/} is the console; {@code /ui} goes there, so the page's relative links resolve under it. */
    @GET
    @Path("ui")
    public Response index(@Context UriInfo uri) {
        return uri.getPath().endsWith("/") ? file("index.html") : root();
    }

    @GET
    @Path("ui/{name}")
    public Response file(@PathParam("name") String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            return notFound();
        }
        Optional<byte[]> content = files.computeIfAbsent(name, ConsoleResource::read);
        if (content.isEmpty()) {
            return notFound();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return ConsoleHeaders.strict(Response.ok(content.get(), TYPES.get(extension))).build();
    }

    private static Response notFound() {
        return ConsoleHeaders.strict(Response.status(Response.Status.NOT_FOUND)
                .type("text/plain; charset=utf-8").entity("No such console file.")).build();
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = ConsoleResource.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + name + " from the jar", e);
        }
    }
}
