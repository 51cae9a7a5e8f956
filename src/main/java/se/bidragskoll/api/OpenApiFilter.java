package se.bidragskoll.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document generated from the resources: operation ids and a tag per group of
 * users, the real status codes, {@code application/problem+json} for every 4xx, descriptions and
 * required fields of the schemas ({@code openapi/schemas.yaml}), an example dossier and report, and a
 * relative server. The records stay plain; what the document says about them lives here and in that file.
 */
public class OpenApiFilter implements OASFilter {

    static final String CONTROLLERS = "Controllers";
    static final String STEERING = "Steering group";
    static final String RULE_AUTHORS = "Rule authors";

    /** "METHOD path" → operation id and tag. */
    private static final Map<String, String[]> OPERATIONS = new LinkedHashMap<>();

    static {
        op("POST /api/v1/validate", "validateDossier", CONTROLLERS);
        op("POST /api/v1/dossiers", "submitDossier", CONTROLLERS);
        op("GET /api/v1/dossiers", "listDossiers", CONTROLLERS);
        op("GET /api/v1/dossiers/{id}", "getDossier", CONTROLLERS);
        op("GET /api/v1/dossiers/{id}/revisions", "listRevisions", CONTROLLERS);
        op("GET /api/v1/dossiers/{id}/report", "getReport", CONTROLLERS);
        op("GET /api/v1/dossiers/{id}/report.{format}", "exportReport", CONTROLLERS);
        op("PUT /api/v1/dossiers/{id}/ledger", "replaceLedger", CONTROLLERS);
        op("GET /api/v1/findings", "listFindings", STEERING);
        op("GET /api/v1/findings/export.{format}", "exportFindings", STEERING);
        op("GET /api/v1/findings/{id}", "getFinding", STEERING);
        op("GET /api/v1/findings/{id}/history", "getFindingHistory", STEERING);
        op("POST /api/v1/findings/{id}/decisions", "decideFinding", STEERING);
        op("GET /api/v1/rules", "getRules", RULE_AUTHORS);
        op("POST /api/v1/rules/reload", "reloadRules", RULE_AUTHORS);
        op("POST /api/v1/plans/validate", "validatePlan", CONTROLLERS);
        op("POST /api/v1/plans", "submitPlan", CONTROLLERS);
        op("GET /api/v1/plans", "listPlans", CONTROLLERS);
        op("GET /api/v1/plans/template.xlsx", "getPlanTemplate", CONTROLLERS);
        op("GET /api/v1/plans/{id}", "getPlan", CONTROLLERS);
        op("GET /api/v1/plans/{id}/report", "getPlanReport", CONTROLLERS);
        op("GET /api/v1/plans/{id}/report.xlsx", "exportPlanReport", CONTROLLERS);
    }

    private static void op(String key, String id, String tag) {
        OPERATIONS.put(key, new String[]{id, tag});
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer().url("/")
                    .description("This service (the document is served by it, at /q/openapi)"));
        }
        openAPI.setTags(new ArrayList<>(List.of(
                OASFactory.createTag().name(CONTROLLERS).description(
                        "A region's financial controllers: judge and submit dossiers, replace ledgers, read reports"),
                OASFactory.createTag().name(STEERING).description(
                        "The steering group for state grants: the review queue of every region, review decisions"),
                OASFactory.createTag().name(RULE_AUTHORS).description(
                        "Maintainers of rules/: the loaded rule set, reloads"))));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        schemas = schemas == null ? new LinkedHashMap<>() : new LinkedHashMap<>(schemas);
        fixTypes(schemas);
        schemas.put("Problem", problemSchema());
        describe(schemas);
        openAPI.getComponents().setSchemas(schemas);

        Object dossierExample = example("openapi/example-dossier.json");
        Object reportExample = example("openapi/example-report.json");
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> method : path.getValue().getOperations().entrySet()) {
                complete(method.getKey().name(), path.getKey(), method.getValue(), dossierExample, reportExample);
            }
        }
    }

    private void complete(String method, String path, Operation operation, Object dossierExample, Object reportExample) {
        String[] known = OPERATIONS.get(method + " " + path);
        if (known != null) {
            operation.setOperationId(known[0]);
            operation.setTags(new ArrayList<>(List.of(known[1])));
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        boolean stores = "POST /api/v1/dossiers".equals(method + " " + path) || "POST /api/v1/plans".equals(method + " " + path);
        if (stores && responses.hasAPIResponse("200")) {
            APIResponse ok = responses.getAPIResponse("200");
            responses.removeAPIResponse("200");
            ok.setDescription("Stored as a new revision and judged: the report");
            ok.addHeader("Location", OASFactory.createHeader().description("The stored dossier or plan")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")));
            responses.addAPIResponse("201", ok);
        }
        boolean returnsReport = path.equals("/api/v1/validate") || path.equals("/api/v1/dossiers") && "POST".equals(method)
                || path.endsWith("/report") || path.endsWith("/ledger");
        if (returnsReport) {
            for (String code : List.of("200", "201")) {
                APIResponse response = responses.getAPIResponse(code);
                if (response != null) {
                    MediaType json = OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("#/components/schemas/Report")).example(reportExample);
                    response.setContent(OASFactory.createContent().addMediaType("application/json", json));
                }
            }
        }
        for (APIResponse response : responses.getAPIResponses().values()) {
            if (response.getContent() != null && response.getContent().getMediaTypes() != null) {
                response.getContent().getMediaTypes().forEach((type, media) -> {
                    if (media.getSchema() == null && (type.startsWith("text/csv") || type.contains("spreadsheetml"))) {
                        media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .description(type.startsWith("text/csv") ? "CSV, ; separated, UTF-8 with BOM"
                                        : "An Excel workbook (.xlsx)"));
                    }
                });
            }
        }
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType json = operation.getRequestBody().getContent().getMediaType("application/json");
            if (json != null && json.getSchema() != null && "#/components/schemas/Dossier".equals(json.getSchema().getRef())) {
                json.setExample(dossierExample);
            }
        }
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() != null && !"path".equals(p.getIn().toString()));
        if (takesInput || responses.hasAPIResponse("400")) {
            problem(responses, "400", "Bad input: the fields or lines at fault in errors; nothing was stored");
        }
        if (path.contains("{id}")) {
            problem(responses, "404", "No such item, or one of a region the caller may not see");
        }
        if (path.endsWith("/decisions")) {
            problem(responses, "409", "Someone else decided first: read the finding again (its version) and retry");
        }
        if (path.endsWith("/rules/reload")) {
            problem(responses, "422", "The rules folder does not compile; the current rule set keeps serving");
        }
        for (String code : List.of("401", "403")) {
            APIResponse response = responses.getAPIResponse(code);
            if (response != null) {
                response.setDescription("401".equals(code) ? "Not signed in" : "The caller's role may not do this");
            }
        }
    }

    private static void problem(APIResponses responses, String code, String description) {
        APIResponse response = responses.getAPIResponse(code);
        if (response == null) {
            response = OASFactory.createAPIResponse();
            responses.addAPIResponse(code, response);
        }
        response.setDescription(description);
        response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/Problem"))));
    }

    private static Schema problemSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One fault: the field or line, and what is wrong")
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field (grant.grantedAmount, ledger[3].date) or line (rad 1733, kolumn belopp)"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong, in the caller's language"))
                .addRequired("message");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document, as every error of the API answers")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("urn:bidragskoll:problem:… naming the kind of problem"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The kind of problem, in words"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32").description("The HTTP status"))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("What a person can do about it"))
                .addProperty("instance", string.description("The request's path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error)
                        .description("Each field or line at fault"))
                .required(new ArrayList<>(List.of("type", "title", "status")));
    }

    /** Types the generator gets wrong: Jackson's JsonNode, YearMonth as an object. */
    private static void fixTypes(Map<String, Schema> schemas) {
        schemas.remove("JsonNode");
        schemas.remove("JsonNodeType");
        if (schemas.containsKey("YearMonth")) {
            schemas.put("YearMonth", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                    .pattern("^[0-9]{4}-[0-9]{2}$").description("A month, yyyy-MM").example("2019-01"));
        }
        for (Schema schema : schemas.values()) {
            if (schema.getProperties() == null) {
                continue;
            }
            for (Map.Entry<String, Schema> property : new ArrayList<>(schema.getProperties().entrySet())) {
                if ("#/components/schemas/JsonNode".equals(property.getValue().getRef())) {
                    schema.addProperty(property.getKey(), "facts".equals(property.getKey())
                            ? OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                            .items(OASFactory.createSchema().ref("#/components/schemas/Fact"))
                            : OASFactory.createSchema()
                            .description("Any JSON value: a date, an amount, a text, a list or an object"));
                }
                Schema values = property.getValue().getAdditionalPropertiesSchema();
                if (values != null && "#/components/schemas/JsonNode".equals(values.getRef())) {
                    property.getValue().setAdditionalPropertiesSchema(OASFactory.createSchema()
                            .description("Any JSON value: a date, an amount, a text, a list or an object"));
                }
            }
        }
    }

    /** Descriptions and required fields from openapi/schemas.yaml, for the properties that exist. */
    private static void describe(Map<String, Schema> schemas) {
        JsonNode all = read("openapi/schemas.yaml", YAML);
        all.fields().forEachRemaining(entry -> {
            Schema schema = schemas.get(entry.getKey());
            if (schema == null) {
                return;
            }
            JsonNode spec = entry.getValue();
            if (spec.hasNonNull("description")) {
                schema.setDescription(spec.get("description").asText());
            }
            Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
            if (spec.has("required")) {
                List<String> required = new ArrayList<>();
                spec.get("required").forEach(n -> {
                    if (properties.containsKey(n.asText())) {
                        required.add(n.asText());
                    }
                });
                schema.setRequired(required);
            }
            spec.path("properties").fields().forEachRemaining(p -> {
                Schema property = properties.get(p.getKey());
                if (property != null) {
                    property.setDescription(p.getValue().asText());
                }
            });
        });
    }

    private static Object example(String resource) {
        return JSON.convertValue(read(resource, JSON), new TypeReference<Map<String, Object>>() {
        });
    }

    private static JsonNode read(String resource, ObjectMapper mapper) {
        try (InputStream in = OpenApiFilter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
