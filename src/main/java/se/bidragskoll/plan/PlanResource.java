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
import se.bidragskoll.model.RegionPlan;
import se.bidragskoll.api.QueryNumbers;
import se.bidragskoll.text.Messages;

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

    @POST
    @Path("/validate")
    @Consumes(PlanSpreadsheet.XLSX)
    @Operation(summary = "Judge a region plan from the spreadsheet template without storing it")
    public PlanReport validateSpreadsheet(java.io.InputStream xlsx, @Context HttpHeaders headers) {
        return service.validate(PlanSpreadsheet.read(xlsx), Languages.of(headers));
    }

    @POST
    @Consumes(PlanSpreadsheet.XLSX)
    @Operation(summary = "Store the region's plan from the spreadsheet template (all or nothing) and judge it")
    public Response submitSpreadsheet(java.io.InputStream xlsx, @Context HttpHeaders headers, @Context UriInfo uri) {
        return submit(PlanSpreadsheet.read(xlsx), headers, uri);
    }

    @GET
    @Path("/template.xlsx")
    @Produces(PlanSpreadsheet.XLSX)
    @Operation(summary = "The spreadsheet template of a region plan (Swedish column names, amounts in mnkr or kr)")
    public Response template() {
        return Response.ok(PlanSpreadsheet.template(), PlanSpreadsheet.XLSX)
                .header("Content-Disposition", "attachment; filename=\"regionplan-mall.xlsx\"").build();
    }

    @GET
    @Path("/{id}/report.xlsx")
    @Produces(PlanSpreadsheet.XLSX)
    @Operation(summary = "The plan's report as a spreadsheet: lines with their dossiers, findings, conditions")
    public Response reportSpreadsheet(@PathParam("id") String id) {
        PlanReport report = service.report(id, Messages.SWEDISH);
        jakarta.ws.rs.core.StreamingOutput body = out -> PlanSpreadsheet.write(report, out);
        return Response.ok(body, PlanSpreadsheet.XLSX).header("Content-Disposition", "attachment; filename=\"plan-"
                + report.region() + "-" + report.year() + ".xlsx\"").build();
    }

    @GET
    @Operation(summary = "List stored region plans visible to the caller")
    public List<PlanService.PlanSummary> list(@QueryParam("region") String region, @QueryParam("year") String yearText) {
        Integer year = QueryNumbers.integer(yearText, "year", null, 1900, 2200);
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
