package se.bidragskoll.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.Fixtures;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.model.Dossier;

/** The dossier workbook: what is downloaded reads back as the same dossier; a bad cell is named by sheet, row and column. */
@QuarkusTest
class DossierWorkbookTest {

    @Inject
    DossierWorkbook workbooks;

    @Inject
    ObjectMapper json;

    @TempDir
    Path tmp;

    private Path download(Dossier dossier) throws Exception {
        Path file = tmp.resolve("underlag.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            ((StreamingOutput) workbooks.download(dossier, "underlag").getEntity()).write(out);
        }
        return file;
    }

    @Test
    void shouldReadBackTheDossierItWrote() throws Exception {
        Dossier jamtland = json.readValue(Fixtures.read(Fixtures.JAMTLAND), Dossier.class);
        Dossier read = workbooks.read(download(jamtland));
        assertEquals("23", read.region());
        assertEquals("patientmiljarden-2018", read.agreement());
        assertEquals(jamtland.asOf(), read.asOf());
        assertEquals(0, jamtland.grant().grantedAmount().compareTo(read.grant().grantedAmount()));
        assertEquals(jamtland.grant().receivedOn(), read.grant().receivedOn());
        assertEquals("9916", read.grant().costObject());
        assertEquals(jamtland.actionPlan().measures().size(), read.actionPlan().measures().size());
        assertEquals(jamtland.actionPlan().measures().get(1).id(), read.actionPlan().measures().get(1).id());
        assertEquals(jamtland.ledger().size(), read.ledger().size());
        assertEquals("9920", read.ledger().get(1).object());
        assertEquals(0, new BigDecimal("3210.40").compareTo(read.ledger().get(1).amount()));
        assertEquals(LocalDate.of(2018, 5, 31), read.ledger().get(1).date());
    }

    @Test
    void shouldDownloadAnEmptyWorkbookWithEverySheet() throws Exception {
        Path file = download(null);
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
            assertEquals(List.of("Instruktioner", "Bidrag", "Åtgärder", "Fördelningar", "Avrop", "Händelser", "Huvudbok",
                            "Väntetidsrapporter", "Indikatorer", "Listor"),
                    workbook.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList());
        }
    }

    @Test
    void shouldRejectTheWholeWorkbookNamingSheetRowAndColumnOfEveryBadCell() throws Exception {
        Path file = tmp.resolve("fel.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook workbook = new Workbook(out, "Excel", "1.0");
            Worksheet grant = workbook.newWorksheet("Bidrag");
            grant.value(1, 0, "Region (länskod)");
            grant.value(1, 1, "23");
            grant.value(2, 0, "Överenskommelse");
            grant.value(2, 1, "patientmiljarden-2018");
            grant.value(3, 0, "Beviljat belopp");
            grant.value(3, 1, "12,6 mnkr");
            Worksheet drawdowns = workbook.newWorksheet("Avrop");
            drawdowns.value(0, 0, "Enhet");
            drawdowns.value(0, 1, "Datum");
            drawdowns.value(0, 2, "Belopp");
            drawdowns.value(1, 0, "PPHV");
            drawdowns.value(1, 1, "2018-09-30");
            drawdowns.value(1, 2, 1_000_000);
            drawdowns.value(2, 0, "PPHV");
            drawdowns.value(2, 1, "31/9");
            drawdowns.value(2, 2, 500_000);
            Worksheet measures = workbook.newWorksheet("Åtgärder");
            measures.value(0, 0, "Id");
            measures.value(0, 1, "Titel");
            measures.value(0, 2, "Omrade");
            workbook.finish();
        }
        BadInputException e = assertThrows(BadInputException.class, () -> workbooks.read(file));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertTrue(fields.contains("Bidrag, rad 4, kolumn B (Beviljat belopp)"), fields.toString());
        assertTrue(fields.contains("Avrop, rad 3, kolumn B (Datum)"), fields.toString());
        assertTrue(fields.contains("Åtgärder, rad 1, kolumn C"), fields.toString());
    }

    @Test
    void shouldRejectAFileThatIsNoWorkbook() throws Exception {
        Path file = tmp.resolve("underlag.xlsx");
        Files.writeString(file, "{\"region\": \"23\"}");
        assertThrows(BadInputException.class, () -> workbooks.read(file));
    }

    @Test
    void shouldReadBackTheIndicatorsThePerformanceThresholdsAreJudgedOn() throws Exception {
        Dossier jamtland = json.readValue(Fixtures.read(Fixtures.JAMTLAND), Dossier.class);
        com.fasterxml.jackson.databind.node.ObjectNode tree = json.valueToTree(jamtland);
        tree.set("indicators", json.readTree("[{\"indicator\": \"svf-andel\", \"period\": \"2023\", \"value\": 0.72}]"));
        Dossier with = json.treeToValue(tree, Dossier.class);
        Dossier read = workbooks.read(download(with));
        assertEquals(1, read.indicators().size());
        assertEquals("svf-andel", read.indicators().get(0).indicator());
        assertEquals("2023", read.indicators().get(0).period());
        assertEquals(0, new BigDecimal("0.72").compareTo(read.indicators().get(0).value()));
    }

    /** Every field of the dossier has its place in the workbook, so that a field the API gains cannot be forgotten here. */
    @Test
    void shouldHaveAWorkbookColumnForEveryFieldOfTheDossier() {
        java.util.Set<String> columns = new java.util.HashSet<>();
        DossierWorkbook.GRANT.forEach(c -> columns.add(c.field()));
        DossierWorkbook.TABLES.forEach(t -> t.columns().forEach(c -> columns.add(t.path() + "." + c.field())));
        // derived when a ledger file is read (the line's row in its file; what an SIE file says of its
        // vouchers' balance), not entered: a workbook's ledger is lines only
        java.util.Set<String> derived = java.util.Set.of("ledger.row", "voucherBalance.vouchers",
                "voucherBalance.unbalanced.voucher", "voucherBalance.unbalanced.difference",
                "voucherBalance.unbalanced.row", "voucherBalance.unbalancedCount");
        List<String> missing = new java.util.ArrayList<>();
        fields("", Dossier.class, missing, columns, derived);
        assertTrue(missing.isEmpty(), "dossier fields without a workbook column: " + missing);
    }

    private static void fields(String prefix, Class<?> type, List<String> missing, java.util.Set<String> columns,
                               java.util.Set<String> derived) {
        for (var component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            Class<?> element = component.getType();
            if (List.class.isAssignableFrom(element)) {
                element = (Class<?>) ((java.lang.reflect.ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
            }
            if (element.isRecord()) {
                fields(path + ".", element, missing, columns, derived);
            } else if (!columns.contains(path) && !derived.contains(path)) {
                missing.add(path);
            }
        }
    }

    /** The leaf fields of the dossier, as paths with the first item of each list ({@code ledger[0].amount}), and their types. */
    private static void leaves(String prefix, Class<?> type, java.util.Map<String, Class<?>> out) {
        for (var component : type.getRecordComponents()) {
            String path = prefix + component.getName();
            Class<?> element = component.getType();
            if (List.class.isAssignableFrom(element)) {
                element = (Class<?>) ((java.lang.reflect.ParameterizedType) component.getGenericType()).getActualTypeArguments()[0];
                path = path + "[0]";
            }
            if (element.isRecord()) {
                leaves(path + ".", element, out);
            } else {
                out.put(path, element);
            }
        }
    }

    /** A dossier with one item in every list, every field filled: the base each bad value is put into. */
    private com.fasterxml.jackson.databind.node.ObjectNode full() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(Fixtures.read(Fixtures.JAMTLAND));
        if (!tree.path("allocations").isArray() || tree.path("allocations").isEmpty()) {
            tree.set("allocations", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Fördelningar") + "]"));
        }
        if (!tree.path("drawdowns").isArray() || tree.path("drawdowns").isEmpty()) {
            tree.set("drawdowns", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Avrop") + "]"));
        }
        if (!tree.path("actionPlan").path("measures").isArray() || tree.path("actionPlan").path("measures").isEmpty()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree.with("actionPlan"))
                    .set("measures", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Åtgärder") + "]"));
        }
        if (!tree.path("ledger").isArray() || tree.path("ledger").isEmpty()) {
            tree.set("ledger", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Huvudbok") + "]"));
        }
        tree.set("events", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Händelser") + "]"));
        tree.set("indicators", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Indikatorer") + "]"));
        tree.set("waitingTimeReports", json.readTree("[" + DossierWorkbook.EXAMPLES.get("Väntetidsrapporter") + "]"));
        tree.set("steeringGroupAnalysis", json.readTree("{\"date\": \"2018-11-15\"}"));
        return tree;
    }

    private static void set(com.fasterxml.jackson.databind.JsonNode tree, String path, com.fasterxml.jackson.databind.JsonNode value) {
        String[] parts = path.split("\\.");
        com.fasterxml.jackson.databind.JsonNode node = tree;
        for (int i = 0; i < parts.length; i++) {
            String name = parts[i].replace("[0]", "");
            boolean last = i == parts.length - 1;
            if (last && !parts[i].endsWith("[0]")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).set(name, value);
                return;
            }
            node = node.get(name);
            if (parts[i].endsWith("[0]")) {
                node = node.get(0);
            }
        }
    }

    @Inject
    se.bidragskoll.rulebase.RuleSetHolder rules;

    /**
     * Every field of the dossier is checked on the way in: a value out of bounds for its type (text too
     * long, date before 1900, amount beyond the limit, a negative count) is refused naming that field,
     * so that a field the dossier gains cannot arrive unchecked.
     */
    @Test
    void shouldValidateEveryFieldOfTheDossier() throws Exception {
        java.util.Map<String, Class<?>> leaves = new java.util.LinkedHashMap<>();
        leaves("", Dossier.class, leaves);
        // derived when a ledger file is read (the line's row in its file); a yes/no is checked by its JSON type
        java.util.Set<String> exempt = java.util.Set.of("ledger[0].row", "actionPlan.measures[0].permanent");
        leaves.keySet().removeIf(k -> k.startsWith("voucherBalance")); // derived from an SIE file as it is read, never entered
        var nodes = json.getNodeFactory();
        List<String> unchecked = new java.util.ArrayList<>();
        for (var e : leaves.entrySet()) {
            if (exempt.contains(e.getKey())) {
                continue;
            }
            Class<?> type = e.getValue();
            com.fasterxml.jackson.databind.JsonNode bad =
                    type == String.class ? nodes.textNode("x".repeat(se.bidragskoll.api.Limits.MAX_TEXT + 1))
                    : type == LocalDate.class ? nodes.textNode("1800-01-01")
                    : type == java.time.YearMonth.class ? nodes.textNode("1800-01")
                    : type == BigDecimal.class ? nodes.numberNode(new BigDecimal("1000000000000000"))
                    : type == Integer.class ? nodes.numberNode(-1)
                    : null;
            if (bad == null) {
                unchecked.add(e.getKey() + " (no bad value known for " + type.getSimpleName() + ")");
                continue;
            }
            var tree = full();
            set(tree, e.getKey(), bad);
            Dossier d;
            try {
                d = json.treeToValue(tree, Dossier.class);
            } catch (com.fasterxml.jackson.databind.JsonMappingException refused) {
                // refused as it is read (dates, numbers): the problem names the field by its path
                StringBuilder at = new StringBuilder();
                for (var ref : refused.getPath()) {
                    at.append(ref.getFieldName() != null ? (at.length() == 0 ? "" : ".") + ref.getFieldName()
                            : "[" + ref.getIndex() + "]");
                }
                if (!e.getKey().equals(at.toString())) {
                    unchecked.add(e.getKey() + " (refused when read as " + at + ")");
                }
                continue;
            }
            try {
                se.bidragskoll.dossier.DossierValidator.check(d, rules.current());
                unchecked.add(e.getKey());
            } catch (BadInputException refused) {
                if (refused.errors().stream().noneMatch(f -> e.getKey().equals(f.field()))) {
                    unchecked.add(e.getKey() + " (refused as " + refused.errors().stream().map(FieldError::field).toList() + ")");
                }
            }
        }
        assertTrue(unchecked.isEmpty(), "dossier fields a bad value passes unnamed: " + unchecked);
    }

    /** Every field of the dossier is a property of the OpenAPI document's schema, lists and nested records followed. */
    @Test
    void shouldHaveAnOpenApiPropertyForEveryFieldOfTheDossier() throws Exception {
        com.fasterxml.jackson.databind.JsonNode doc = json.readTree(io.restassured.RestAssured.given()
                .get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        com.fasterxml.jackson.databind.JsonNode schemas = doc.path("components").path("schemas");
        java.util.Map<String, Class<?>> leaves = new java.util.LinkedHashMap<>();
        leaves("", Dossier.class, leaves);
        List<String> missing = new java.util.ArrayList<>();
        for (String path : leaves.keySet()) {
            com.fasterxml.jackson.databind.JsonNode schema = schemas.path("Dossier");
            for (String part : path.split("\\.")) {
                schema = resolve(schemas, schema);
                schema = schema.path("properties").path(part.replace("[0]", ""));
                if (part.endsWith("[0]")) {
                    schema = resolve(schemas, schema).path("items");
                }
            }
            if (schema.isMissingNode()) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "dossier fields without an OpenAPI property: " + missing);
    }

    private static com.fasterxml.jackson.databind.JsonNode resolve(com.fasterxml.jackson.databind.JsonNode schemas,
                                                                 com.fasterxml.jackson.databind.JsonNode schema) {
        while (schema.has("$ref")) {
            schema = schemas.path(schema.get("$ref").asText().replace("#/components/schemas/", ""));
        }
        if (schema.has("allOf") && schema.get("allOf").size() > 0) {
            return resolve(schemas, schema.get("allOf").get(0));
        }
        return schema;
    }

    @Test
    void shouldOpenWithInstructionsOfferListsAndIgnoreTheExampleRows() throws Exception {
        Dossier jamtland = json.readValue(Fixtures.read(Fixtures.JAMTLAND), Dossier.class);
        Path file = download(jamtland);
        String sheetXml;
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            StringBuilder all = new StringBuilder();
            for (var entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("xl/worksheets/")) {
                    all.append(new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            sheetXml = all.toString();
        }
        assertTrue(sheetXml.contains("<dataValidation") && sheetXml.contains("type=\"list\""), "drop-down lists");
        assertTrue(sheetXml.contains("Listor"), "from the lists sheet");
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
            var sheets = workbook.getSheets().toList();
            assertEquals("Instruktioner", sheets.get(0).getName());
            var events = workbook.findSheet("Händelser").orElseThrow().read();
            assertTrue(events.get(1).getCellText(0).startsWith("EXEMPEL"), "row 2 is the marked example");
            var lists = workbook.findSheet("Listor").orElseThrow().read();
            List<String> firstColumn = lists.stream().map(r -> r.getCellText(0)).toList();
            assertTrue(firstColumn.contains("patientmiljarden-2018"), firstColumn.toString());
            List<String> kinds = lists.stream().map(r -> r.getCellText(6)).toList();
            assertTrue(kinds.contains("action-plan-submitted"), kinds.toString());
            List<String> purposes = lists.stream().map(r -> r.getCellText(9)).toList();
            assertTrue(purposes.contains("tillganglighet"), purposes.toString());
        }
        Dossier read = workbooks.read(file);
        assertEquals(jamtland.actionPlan().measures().size(), read.actionPlan().measures().size(), "the example is not read");
        assertEquals(jamtland.ledger().size(), read.ledger().size());
        Dossier empty = workbooks.read(download(null));
        assertEquals(null, empty.ledger(), "an empty workbook's examples give no rows");
    }
}
