package se.bidragskoll.dossier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.File;
import org.eclipse.microprofile.openapi.annotations.Operation;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.Languages;
import se.bidragskoll.ledger.SieLedgerReader;
import se.bidragskoll.security.Caller;

/** A dossier's ledger replaced by a CSV or SIE 4 export from the region's financial system. */
@Path("/api/v1")
@jakarta.annotation.security.RolesAllowed(Caller.CONTROLLER)
public class LedgerResource {

    @Inject
    DossierService dossiers;

    @PUT
    @Path("/dossiers/{id}/ledger")
    @Consumes({"text/csv", SieLedgerReader.MEDIA_TYPE, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the dossier's ledger with a CSV or SIE 4 file and judge it again (all or nothing)")
    public Response replace(@PathParam("id") String id, File body, @Context HttpHeaders headers) {
        String region = dossiers.regionForLedger(id);
        if (body == null || body.length() == 0) {
            throw BadInputException.of("ledger", "Filen är tom: skicka huvudboken som CSV eller SIE 4.",
                    "The file is empty: send the ledger as CSV or SIE 4.");
        }
        // A CSV file is read on a thread of its own while its lines are stored (they overlap); SIE is read first.
        long start = System.nanoTime();
        DossierService.Replaced replaced = dossiers.replaceLedgerFile(id, region, body.toPath(),
                headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
        long committedMs = (System.nanoTime() - start) / 1_000_000;
        if (!replaced.changed()) {
            return Response.ok(dossiers.report(id, Languages.of(headers)), MediaType.APPLICATION_JSON)
                    .header("X-Ledger-Unchanged", "true").build();
        }
        return Response.ok(replaced.evaluation().in(Languages.of(headers)), MediaType.APPLICATION_JSON)
                .header("X-Ledger-Lines", replaced.lines())
                .header("Server-Timing", "parse;dur=" + replaced.parseMs() + ", store;dur=" + replaced.storeMs()
                        + ", judge;dur=" + replaced.judgeMs() + ";desc=\"overlaps store\", report;dur="
                        + replaced.reportMs() + ";desc=\"revision, report, findings, plan\", committed;dur="
                        + committedMs + ";desc=\"the file received to the transaction committed\"").build();
    }
}
