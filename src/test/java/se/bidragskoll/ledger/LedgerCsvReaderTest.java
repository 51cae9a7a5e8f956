package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.model.LedgerLine;

/** Ledger exports as the regions' financial systems write them. */
class LedgerCsvReaderTest {

    @TempDir
    Path tmp;

    static Path file(String name) {
        try {
            return Path.of(LedgerCsvReaderTest.class.getClassLoader().getResource("ledgers/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReadARaindanceExportInUtf8WithBomDecimalCommaAndThousandsSeparators() {
        ParsedLedger ledger = LedgerCsvReader.read(file("raindance-utf8-bom.csv"), null);
        assertEquals(StandardCharsets.UTF_8, ledger.charset());
        assertEquals(';', ledger.separator());
        List<LedgerLine> lines = ledger.lines();
        assertEquals(4, lines.size());
        assertEquals("A 104233", lines.get(0).voucher());
        assertEquals(new BigDecimal("48650.00"), lines.get(0).amount());
        assertEquals(new BigDecimal("3210.40"), lines.get(1).amount());
        assertEquals("Semesterlön; uppföljningsanalytiker", lines.get(1).text());
        assertEquals(new BigDecimal("184000.00"), lines.get(2).amount(), "no-break space as thousands separator");
        assertEquals(new BigDecimal("-1250.50"), lines.get(3).amount());
        assertEquals("Kreditering \"felleverans\"", lines.get(3).text());
        assertEquals(2, lines.get(0).row(), "row is the line in the file, after the header");
        assertTrue(ledger.contentHash().startsWith("sha256:"));
    }

    @Test
    void shouldDetectWindows1252AndReadSwedishHeadersDebitCreditAndCompactDates() {
        ParsedLedger ledger = LedgerCsvReader.read(file("agresso-windows-1252.csv"), null);
        assertEquals("windows-1252", ledger.charset().name());
        List<LedgerLine> lines = ledger.lines();
        assertEquals(3, lines.size());
        assertEquals("Sjuksköterska vårdcentral Östersund", lines.get(0).text());
        assertEquals("VG-01", lines.get(0).measure(), "Åtgärd is the measure column");
        assertEquals(LocalDate.of(2018, 5, 31), lines.get(0).date());
        assertEquals(new BigDecimal("48650.00"), lines.get(0).amount());
        assertEquals(new BigDecimal("-1000.00"), lines.get(2).amount(), "credit is a negative amount");
        assertEquals("Återbetalning från leverantör", lines.get(2).text());
    }

    @Test
    void shouldReadCommaSeparatedVismaExportWithProjektAsObject() {
        ParsedLedger ledger = LedgerCsvReader.read(file("visma-comma.csv"), null);
        assertEquals(',', ledger.separator());
        assertEquals("9920", ledger.lines().get(1).object());
        assertEquals("Semesterlön, uppföljningsanalytiker", ledger.lines().get(1).text());
        assertEquals(new BigDecimal("3210.40"), ledger.lines().get(1).amount());
    }

    @Test
    void shouldReadTabSeparatedExports() {
        ParsedLedger ledger = LedgerCsvReader.read(file("tab-separated.csv"), null);
        assertEquals('\t', ledger.separator());
        assertEquals(2, ledger.lines().size());
        assertNull(ledger.lines().get(0).unit());
    }

    @Test
    void shouldRejectEveryBadRowNamingLineColumnAndValue() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> LedgerCsvReader.read(file("bad-rows.csv"), null));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("rad 18, kolumn bokforingsdatum", "rad 1733, kolumn belopp"), fields);
        assertEquals("rad 1733, kolumn belopp: \"12.345,6x\" är inget belopp", e.errors().get(1).message().sv());
    }

    @Test
    void shouldStopAtOneHundredProblems() throws Exception {
        StringBuilder csv = new StringBuilder("verifikation;bokforingsdatum;konto;objekt;belopp\n");
        for (int i = 0; i < 500; i++) {
            csv.append("A ").append(i).append(";2018-05-31;4011;9916;tusen\n");
        }
        Path file = Files.writeString(tmp.resolve("many.csv"), csv);
        BadInputException e = assertThrows(BadInputException.class, () -> LedgerCsvReader.read(file, null));
        assertEquals(100, e.errors().size());
    }

    @Test
    void shouldRejectAHeaderWithoutAmountOrObject() throws Exception {
        Path file = Files.writeString(tmp.resolve("header.csv"), "verifikation;bokforingsdatum;konto\nA 1;2018-05-31;4011\n");
        BadInputException e = assertThrows(BadInputException.class, () -> LedgerCsvReader.read(file, null));
        assertTrue(e.errors().stream().anyMatch(f -> f.message().sv().contains("objekt")));
        assertTrue(e.errors().stream().anyMatch(f -> f.message().sv().contains("belopp")));
    }

    @Test
    void shouldUseTheRegionsObjectColumn() throws Exception {
        Path file = Files.writeString(tmp.resolve("kst.csv"),
                "verifikation;bokforingsdatum;konto;objekt;bidragsid;belopp\nA 1;2018-05-31;4011;77;9916;10,00\n");
        assertEquals("9916", LedgerCsvReader.read(file, "bidragsid").lines().get(0).object());
    }

    @Test
    void shouldParseSwedishAmounts() {
        assertEquals(new BigDecimal("12345.60"), LedgerCsvReader.parseAmount("12.345,60").setScale(2));
        assertEquals(new BigDecimal("-3210.4"), LedgerCsvReader.parseAmount("\u22123 210,4"));
        assertNull(LedgerCsvReader.parseAmount("12,6 mnkr"));
        assertNull(LedgerCsvReader.parseAmount("1,234"), "three decimals are no amount in öre");
    }
}
