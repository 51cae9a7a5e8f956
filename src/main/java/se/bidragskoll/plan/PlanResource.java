package se.bidragskoll.plan;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import se.bidragskoll.api.Languages;
import se.bidragskoll.security.Caller;

/** Region plans in, plan reports out (API.md, version 2: "The region plan"). */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
public class PlanResource {

    @Inject
    PlanService service;

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a region plan without storing it")
    public PlanReport validate(RegionPlan plan, @Context HttpHeaders headers) {
        return service.validate(plan, Languages.of(headers));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store the region's plan for its year (a new revision if there is one) and judge it")
    public Response submit(RegionPlan plan, @Context HttpHeaders headers, @Context UriInfo uri) {
        PlanService.Submitted submitted = service.submit(plan);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/plans/{id}").build(submitted.planId()))
                .entity(submitted.in(Languages.of(headers))).build();
    }

    @GET
    @Operation(summary = "List stored region plans visible to the caller")
    public List<PlanService.PlanSummary> list(@QueryParam("region") String region, @QueryParam("year") Integer year) {
        return service.list(region, year);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The stored plan as submitted")
    public PlanService.StoredPlan get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/report")
    @Operation(summary = "The plan's report; each line links to the latest stored dossier of its agreement")
    public PlanReport report(@PathParam("id") String id, @Context HttpHeaders headers) {
        return service.report(id, Languages.of(headers));
    }
}
