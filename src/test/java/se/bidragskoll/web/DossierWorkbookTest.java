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
            assertEquals(List.of("Bidrag", "Åtgärder", "Fördelningar", "Avrop", "Händelser", "Huvudbok", "Väntetidsrapporter",
                            "Indikatorer"),
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
}
