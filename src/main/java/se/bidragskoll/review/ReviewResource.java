package se.bidragskoll.review;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import se.bidragskoll.api.Languages;
import se.bidragskoll.security.Caller;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.QueryNumbers;

/** The review queue, decisions and history of tracked findings. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
public class ReviewResource {

    @Inject
    ReviewService review;

    @Inject
    FindingExport export;

    @GET
    @Operation(summary = "The review queue: filters, sorting (amount, age) and pages")
    public FindingPage list(@QueryParam("region") String region, @QueryParam("agreement") String agreement,
                            @QueryParam("code") String code, @QueryParam("severity") String severity,
                            @QueryParam("status") String status, @QueryParam("sort") String sort,
                            @QueryParam("page") String page, @QueryParam("size") String size,
                            @QueryParam("subject") String subject,
                            @QueryParam("plan") String plan, @QueryParam("q") String text, @Context HttpHeaders headers) {
        return review.list(new ReviewService.Query(region, agreement, code, severity, status, sort,
                        QueryNumbers.integer(page, "page", 0, 0, 1_000_000),
                        QueryNumbers.integer(size, "size", 50, 1, 1_000), subject, plan, text),
                Languages.of(headers));
    }

    @GET
    @Path("/export.{format:csv|xlsx}")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "The review queue (same filters) as CSV or XLSX")
    public Response exportQueue(@PathParam("format") String format, @QueryParam("region") String region,
                                @QueryParam("agreement") String agreement, @QueryParam("code") String code,
                                @QueryParam("severity") String severity, @QueryParam("status") String status,
                                @QueryParam("sort") String sort, @QueryParam("subject") String subject,
                                @QueryParam("plan") String plan, @QueryParam("q") String text,
                                @Context HttpHeaders headers) {
        FindingPage all = review.list(new ReviewService.Query(region, agreement, code, severity, status, sort, 0, 500,
                        subject, plan, text),
                Languages.of(headers));
        return export.queue(all.items(), format);
    }

    @GET
    @Path("/{id}")
    public FindingView get(@PathParam("id") String id, @Context HttpHeaders headers) {
        return review.get(id, Languages.of(headers));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every submission and decision that touched the finding, oldest first")
    public List<HistoryEntry> history(@PathParam("id") String id) {
        return review.history(id);
    }

    @POST
    @Path("/{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a review decision: ACKNOWLEDGE, WAIVE (with a comment, optionally until a date) or REOPEN")
    public FindingView decide(@PathParam("id") String id, Decision decision, @HeaderParam("If-Match") String ifMatch,
                              @Context HttpHeaders headers) {
        Decision withVersion = decision;
        Long version = ifMatchVersion(ifMatch);
        if (version != null && (decision == null || decision.version() == null)) {
            withVersion = new Decision(decision == null ? null : decision.action(),
                    decision == null ? null : decision.comment(), decision == null ? null : decision.until(), version);
        }
        return review.decide(id, withVersion, Languages.of(headers));
    }

    /**
     * The finding's version from {@code If-Match: "3"} (or {@code W/"3"}); {@code *} matches any
     * version (RFC 9110), so it pins none; anything else is a 400 naming the header.
     */
    static Long ifMatchVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(Character::isDigit)) {
            throw BadInputException.of("If-Match",
                    "If-Match ska vara fyndets version som en ETag, t.ex. \"3\", eller *.",
                    "If-Match must be the finding's version as an entity tag, e.g. \"3\", or *.");
        }
        return Long.valueOf(tag);
    }
}
