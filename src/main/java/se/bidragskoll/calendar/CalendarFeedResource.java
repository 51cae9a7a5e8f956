package se.bidragskoll.calendar;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The calendar feed at the address with its token ({@code /kalenderflode/<token>.ics}): no login, so
 * that a calendar program can subscribe. An unknown or revoked token is a plain {@code 404}, the same
 * for both, so that the answer says nothing of which tokens once existed.
 */
@Path("/kalenderflode")
public class CalendarFeedResource {

    public static final String ICS = "text/calendar";

    @Inject
    CalendarFeed feeds;

    @Context
    UriInfo uri;

    @GET
    @Path("{token}.ics")
    @Produces(ICS + ";charset=utf-8")
    public Response feed(@PathParam("token") String token) {
        String base = uri.getBaseUri().toString().replaceAll("/$", "");
        return feeds.feed(token, base)
                .map(text -> Response.ok(text, ICS + ";charset=utf-8")
                        .header("Content-Disposition", "inline; filename=\"bidragskoll.ics\"")
                        .header("Cache-Control", "private, max-age=900").build())
                .orElseGet(() -> Response.status(404).type("text/plain;charset=utf-8")
                        .entity("No such calendar feed / Inget sådant kalenderflöde\n").build());
    }
}
