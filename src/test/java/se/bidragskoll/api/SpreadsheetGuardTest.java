package se.bidragskoll.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import se.bidragskoll.plan.PlanSpreadsheet;

/**
 * Spreadsheet decompression bombs (issue 19): a small file that unpacks to a huge cell, a huge
 * shared-strings part or a sheet of endless rows is refused before any reader allocates for it,
 * with a 400 problem naming the limit, and the service goes on.
 */
@QuarkusTest
class SpreadsheetGuardTest {

    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A zip with one part of the given name whose content {@code body} writes (deflated). */
    static byte[] zip(String part, Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry(part));
            body.write(zip);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static void repeat(OutputStream out, String text, long times) throws IOException {
        byte[] chunk = text.repeat(1024).getBytes(StandardCharsets.UTF_8);
        for (long i = 0; i < times / 1024; i++) {
            out.write(chunk);
        }
    }

    /** One inline string of 40 million characters, a few dozen kB packed. */
    static byte[] hugeCell() throws IOException {
        return zip("xl/worksheets/sheet1.xml", out -> {
            out.write("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>".getBytes(StandardCharsets.UTF_8));
            repeat(out, "a", 40_000_000L);
            out.write("</t></is></c></row></sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void shouldRefuseAHugeCellBeforeReadingIt() throws IOException {
        byte[] bomb = hugeCell();
        assertTrue(bomb.length < 1_000_000, "packed " + bomb.length);
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpreadsheetGuard.read(new ByteArrayInputStream(bomb), "xlsx"));
        String said = e.errors().get(0).message().en();
        assertTrue(said.contains("32767 characters") || said.contains("unpacks to more than 16 MiB"), said);
    }

    @Test
    void shouldRefuseSharedStringsThatUnpackBeyondThePartLimit() throws IOException {
        byte[] bomb = zip("xl/sharedStrings.xml", out -> {
            out.write("<sst>".getBytes(StandardCharsets.UTF_8));
            repeat(out, "<si><t>x</t></si>", 1_100_000L);
            out.write("</sst>".getBytes(StandardCharsets.UTF_8));
        });
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpreadsheetGuard.read(new ByteArrayInputStream(bomb), "xlsx"));
        assertTrue(e.errors().get(0).message().en().contains("unpacks to more than 16 MiB"), e.errors().toString());
    }

    @Test
    void shouldRefuseASheetOfEndlessRows() throws IOException {
        byte[] bomb = zip("xl/worksheets/sheet1.xml", out -> {
            out.write("<worksheet><sheetData>".getBytes(StandardCharsets.UTF_8));
            repeat(out, "<row/>", 1_000_000L);
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        BadInputException e = assertThrows(BadInputException.class,
                () -> SpreadsheetGuard.read(new ByteArrayInputStream(bomb), "xlsx"));
        assertTrue(e.errors().get(0).message().en().contains("more than 20000 rows"), e.errors().toString());
    }

    @Test
    void shouldAnswerABombedPlanWithAProblemAndStayUp() throws IOException {
        given().auth().preemptive().basic("kontroller-vm", "kontroller-vm")
                .contentType(PlanSpreadsheet.XLSX).body(hugeCell())
                .when().post("/api/v1/plans/validate")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors.field", hasItem("xlsx"))
                .body("errors.message", hasItem(containsString("avvisades innan den lästes")));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
