package se.bidragskoll.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import se.bidragskoll.model.Dossier;
import se.bidragskoll.security.Caller;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.Languages;
import se.bidragskoll.judgement.Report;
import se.bidragskoll.text.Messages;

/** Dossiers in, reports out: the dry run and the stored submissions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.CONTROLLER, Caller.STEERING})
public class DossierResource {

    @Inject
    DossierService service;

    @Inject
    ObjectMapper json;


    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Judge a dossier without storing anything")
    public Report validate(Dossier dossier, @Context HttpHeaders headers) {
        return service.validate(dossier, Languages.of(headers));
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Judge a dossier (part 'dossier', JSON) with its ledger as a CSV or SIE 4 file (part 'ledger')")
    public Report validateWithLedger(@RestForm("dossier") String dossierJson, @RestForm("ledger") FileUpload ledger,
                                     @Context HttpHeaders headers) throws JsonProcessingException {
        if (dossierJson == null || dossierJson.isBlank()) {
            throw BadInputException.of("dossier", "Delen 'dossier' (JSON) saknas.", "The part 'dossier' (JSON) is missing.");
        }
        Dossier dossier = json.readValue(dossierJson, Dossier.class);
        if (ledger != null && ledger.size() > 0) {
            return service.validate(dossier, ledger.uploadedFile(), ledger.contentType(), Languages.of(headers));
        }
        return service.validate(dossier, Languages.of(headers));
    }

    @POST
    @Path("/dossiers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a dossier as a new revision and judge it")
    public Response submit(Dossier dossier, @Context HttpHeaders headers, @Context UriInfo uri) {
        DossierService.Submitted submitted = service.submit(dossier);
        return Response.created(uri.getBaseUriBuilder().path("api/v1/dossiers/{id}").build(submitted.dossierId()))
                .entity(submitted.evaluation().in(Languages.of(headers))).build();
    }

    @GET
    @Path("/dossiers")
    @Operation(summary = "List stored dossiers")
    public List<DossierSummary> list(@QueryParam("region") String region, @QueryParam("agreement") String agreement) {
        return service.list(region, agreement);
    }

    @GET
    @Path("/dossiers/{id}")
    @Operation(summary = "The dossier's latest revision")
    public StoredDossier get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/dossiers/{id}/revisions")
    @Operation(summary = "Every submission of the dossier and its outcome")
    public List<RevisionSummary> revisions(@PathParam("id") String id) {
        return service.revisions(id);
    }

    @GET
    @Path("/dossiers/{id}/report.{format:csv|xlsx}")
    @Produces({"text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(summary = "The latest report as CSV or XLSX (Swedish columns, amounts in kronor)")
    public Response reportExport(@PathParam("id") String id, @PathParam("format") String format) throws JsonProcessingException {
        return ReportExport.of(json.readTree(service.report(id, Messages.SWEDISH)), format);
    }

    @GET
    @Path("/dossiers/{id}/report")
    @Operation(summary = "The report of the dossier's latest revision")
    public Response report(@PathParam("id") String id, @Context HttpHeaders headers) {
        return Response.ok(service.report(id, Languages.of(headers)), MediaType.APPLICATION_JSON).build();
    }
}
