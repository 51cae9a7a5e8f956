package se.bidragskoll.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidragskoll.api.BadInputException;
import se.bidragskoll.api.FieldError;
import se.bidragskoll.model.LedgerLine;
import se.bidragskoll.model.UnbalancedVoucher;
import se.bidragskoll.ruleset.RegionDef;

/** SIE 4 files as Swedish financial systems export them, written for these tests. */
class SieLedgerReaderTest {

    @TempDir
    Path dir;

    static Path file(String name) {
        return LedgerCsvReaderTest.file("sie/" + name);
    }

    private Path write(String text) throws IOException {
        return write(text, StandardCharsets.UTF_8);
    }

    private Path write(String text, Charset charset) throws IOException {
        Path f = Files.createTempFile(dir, "ledger", ".se");
        Files.write(f, text.getBytes(charset));
        return f;
    }

    private static final String HEAD = "#FLAGGA 0\n#SIETYP 4\n#DIM 1 \"Kostnadsställe\"\n#DIM 20 \"Objekt\"\n";

    @Test
    void shouldReadAUtf8FileWithObjectListsQuotedAndBareAndItsCorrections() {
        ParsedLedger ledger = SieLedgerReader.read(file("agresso-utf8.se"), null);
        assertEquals(StandardCharsets.UTF_8, ledger.charset());
        assertEquals(ParsedLedger.SIE, ledger.kind());
        assertAgressoLines(ledger.lines(), 18);
        assertEquals(2, ledger.vouchers().vouchers());
        assertEquals(List.of(), ledger.vouchers().unbalanced());
    }

    @Test
    void shouldReadAPc8FileAsIbm437() {
        ParsedLedger ledger = SieLedgerReader.read(file("agresso-pc8.se"), null);
        assertEquals(Charset.forName("IBM437"), ledger.charset());
        assertAgressoLines(ledger.lines(), 19); // one line more: #FORMAT PC8
    }

    /**
     * The lines of the test files: the balance-sheet rows (2910, 1930) and the removed row (#BTRANS)
     * are no lines, the added row (#RTRANS) counts once though SIE repeats it as #TRANS.
     */
    private static void assertAgressoLines(List<LedgerLine> lines, int firstRow) {
        assertEquals(3, lines.size(), lines.toString());
        LedgerLine first = lines.get(0);
        assertEquals("A 104233", first.voucher());
        assertEquals(1, first.line());
        assertEquals(LocalDate.of(2018, 5, 31), first.date(), "no transdat: the voucher's date");
        assertEquals("4011", first.account());
        assertEquals("31240", first.responsibility());
        assertEquals("1120", first.activity());
        assertEquals("9916", first.object());
        assertEquals("PPHV", first.unit());
        assertEquals("VG-01", first.measure());
        assertEquals(new BigDecimal("48650.00"), first.amount());
        assertEquals("Sjuksköterska vårdcentral Östersund", first.text());
        assertEquals(firstRow, first.row());
        LedgerLine second = lines.get(1);
        assertEquals("A 104233/2", second.ref());
        assertEquals("9920", second.object(), "bare values in the object list");
        assertEquals("31240", second.responsibility());
        assertEquals(firstRow + 1, second.row());
        LedgerLine credit = lines.get(2);
        assertEquals("B 220118/1", credit.ref());
        assertEquals(new BigDecimal("-1000.00"), credit.amount());
        assertEquals(LocalDate.of(2018, 6, 12), credit.date());
        assertEquals("Återbetalning från leverantör", credit.text());
        assertEquals("VG-02", credit.measure());
    }

    @Test
    void shouldReportUnbalancedVouchersWithoutRefusingThem() {
        ParsedLedger ledger = SieLedgerReader.read(file("unbalanced.se"), null);
        assertEquals(2, ledger.lines().size(), "C 5/1 and C 6/1; C 7 has a removed row only");
        assertEquals(3, ledger.vouchers().vouchers());
        assertEquals(1, ledger.vouchers().unbalancedCount());
        UnbalancedVoucher v = ledger.vouchers().unbalanced().get(0);
        assertEquals("C 5", v.voucher());
        assertEquals(new BigDecimal("1.00"), v.difference());
        assertEquals(15, v.row());
    }

    @Test
    void shouldRecogniseAnSieFileByItsFirstLineWhateverItWasSentAs() throws IOException {
        assertTrue(LedgerFiles.isSie(file("agresso-pc8.se"), "text/csv"));
        assertTrue(LedgerFiles.isSie(write("\n\n  #FLAGGA 0\n#SIETYP 4\n"), null));
        assertFalse(LedgerFiles.isSie(LedgerCsvReaderTest.file("raindance-utf8-bom.csv"), "text/csv"));
        assertTrue(LedgerFiles.isSie(LedgerCsvReaderTest.file("raindance-utf8-bom.csv"), "application/x-sie"));
        assertEquals(ParsedLedger.SIE, LedgerFiles.read(file("agresso-utf8.se"), null, null).kind());
    }

    @Test
    void shouldRefuseACsvFileSentAsSieNamingItsFirstLine() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> LedgerFiles.read(LedgerCsvReaderTest.file("raindance-utf8-bom.csv"), null, "application/x-sie"));
        assertEquals("rad 1", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().sv().contains("#FLAGGA"), e.errors().get(0).message().sv());
        assertTrue(e.errors().get(0).message().en().startsWith("line 1: An SIE file starts with #FLAGGA"));
    }

    @Test
    void shouldNameTheLineAndItemOfEveryBrokenLineInSwedishAndEnglish() throws IOException {
        Path f = write(HEAD
                + "#VER A 1 20180101 \"\"\n{\n"
                + "#TRANS 4011 {20 \"9916\"} 12,5x\n"                // 7: not an amount
                + "#TRANS 4011 {20 \"9916\"} 100.00 20181332\n"     // 8: not a date
                + "#TRANS 4011 {20 \"9916\" 1} 100.00\n"            // 9: odd object list
                + "#TRANS 4011 {20 \"9916} 100.00\n"                // 10: quote without end
                + "#TRANS 4011 100.00\n"                            // 11: no object list
                + "}\n"
                + "#TRANS 4011 {} 1.00\n"                           // 13: outside a voucher
                + "hej\n");                                         // 14: no label
        BadInputException e = assertThrows(BadInputException.class, () -> SieLedgerReader.read(f, null));
        List<String> fields = e.errors().stream().map(FieldError::field).toList();
        assertEquals(List.of("rad 7", "rad 8", "rad 9", "rad 10", "rad 11", "rad 13", "rad 14"), fields);
        assertEquals("rad 7: #TRANS belopp: \"12,5x\" är inget belopp (t.ex. -1234.50).",
                e.errors().get(0).message().sv());
        assertEquals("line 7: #TRANS amount: \"12,5x\" is no amount (e.g. -1234.50).",
                e.errors().get(0).message().in(Locale.ENGLISH));
        assertTrue(e.errors().get(1).message().sv().contains("#TRANS transdat: \"20181332\" är inget datum"));
        assertTrue(e.errors().get(3).message().en().contains("the quote has no end"));
    }

    @Test
    void shouldRefuseAnUnclosedVoucherAndLinesBeyondTheBounds() throws IOException {
        BadInputException open = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write(HEAD + "#VER A 1 20180101\n{\n#TRANS 4011 {20 \"9916\"} 1.00\n"), null));
        assertEquals("rad 5", open.errors().get(0).field());
        assertTrue(open.errors().get(0).message().sv().contains("avslutas aldrig med }"));

        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 101; i++) {
            many.append("20 \"9916\" ");
        }
        BadInputException fields = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write(HEAD + "#VER A 1 20180101\n{\n#TRANS 4011 " + many + "} 1.00\n}\n"), null));
        assertTrue(fields.errors().get(0).message().en().contains("the object list has more than 200 values"),
                fields.errors().get(0).message().en());

        BadInputException longLine = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write(HEAD + "#VER A 1 20180101 \"" + "x".repeat(70_000) + "\"\n"), null));
        assertEquals("rad 5", longLine.errors().get(0).field());

        BadInputException notSie4 = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write("#FLAGGA 0\n#SIETYP 2\n"), null));
        assertTrue(notSie4.errors().get(0).message().sv().contains("SIE typ 4"));
    }

    @Test
    void shouldReadDimensionsByNameByTheRegionsNumbersAndByTheStandardNumbers() throws IOException {
        String rows = "#VER A 1 20180101\n{\n#TRANS 4011 {1 \"31240\" 6 \"P1\" 30 \"9916\" 31 \"VG-01\"} 1.00\n"
                + "#TRANS 2440 {} -1.00\n}\n";
        // no #DIM: 1 is ansvar, 6 (projekt) the object
        LedgerLine standard = SieLedgerReader.read(write("#FLAGGA 0\n#SIETYP 4\n" + rows), null).lines().get(0);
        assertEquals("31240", standard.responsibility());
        assertEquals("P1", standard.object());
        assertNull(standard.measure());
        // #DIM names, as CSV headers are read, in any case and without diacritics
        LedgerLine named = SieLedgerReader.read(write("#FLAGGA 0\n#SIETYP 4\n#DIM 30 \"OBJEKT\"\n#DIM 31 \"Atgard\"\n"
                + "#DIM 6 \"Projekt\"\n" + rows), null).lines().get(0);
        assertEquals("9916", named.object(), "a dimension named objekt wins over projekt");
        assertEquals("VG-01", named.measure());
        // the region's own numbers come first
        RegionDef.LedgerFormat format = new RegionDef.LedgerFormat(null, new RegionDef.Sie(Map.of("objekt", 31)));
        LedgerLine region = SieLedgerReader.read(write("#FLAGGA 0\n#SIETYP 4\n#DIM 30 \"Objekt\"\n" + rows), format)
                .lines().get(0);
        assertEquals("VG-01", region.object());
    }

    @Test
    void shouldReadUnderdimensionsAndVouchersWithoutNumbers() throws IOException {
        ParsedLedger ledger = SieLedgerReader.read(write("#FLAGGA 0\n#SIETYP 4\n#DIM 20 \"Objekt\"\n"
                + "#UNDERDIM 21 \"Enhet\" 20\n#VER \"\" \"\" 20180101\n{\n#TRANS 4011 {20 9916 21 \"PPHV\"} 10\n"
                + "#TRANS 2440 {} -10\n}\n#VER \"\" 17 20180102\n{\n#TRANS 4011 {20 9916} 10\n#TRANS 2440 {} -10\n}\n"), null);
        assertEquals("PPHV", ledger.lines().get(0).unit());
        assertNull(ledger.lines().get(0).voucher(), "an SIE 4I voucher without a number has none");
        assertEquals("rad 7", ledger.lines().get(0).ref());
        assertEquals("17/1", ledger.lines().get(1).ref());
        assertEquals(new BigDecimal("10.00"), ledger.lines().get(1).amount());
    }

    @Test
    void shouldRefuseAFileWhereNoDimensionIsTheObject() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write("#FLAGGA 0\n#SIETYP 4\n#DIM 6 \"Kund\"\n#VER A 1 20180101\n{\n#TRANS 4011 {} 1.00\n}\n"), null));
        assertEquals("rad 4", e.errors().get(0).field());
        assertTrue(e.errors().get(0).message().sv().contains("Ingen dimension är objekt"));
    }

    @Test
    void shouldStreamTheSameLinesAndTheBalanceAsTheFullRead() {
        SieLedgerReader.Source source = SieLedgerReader.source(file("unbalanced.se"), null);
        assertTrue(source.wholeVouchers());
        List<LedgerLine> streamed = new ArrayList<>();
        source.forEach(streamed::add);
        ParsedLedger held = SieLedgerReader.read(file("unbalanced.se"), null);
        assertEquals(held.lines(), streamed);
        assertEquals(held.vouchers(), source.voucherBalance());
    }

    // ---- bounds (issue 27, item 5): rows are streamed, lines and dimensions are bounded ----

    /** Writes an SIE file line by line to a temp file: the test never holds it as a String. */
    private Path generate(String head, int rows, java.util.function.IntFunction<String> row, String tail)
            throws IOException {
        Path f = Files.createTempFile(dir, "generated", ".se");
        try (java.io.Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write(head);
            for (int i = 0; i < rows; i++) {
                w.write(row.apply(i));
            }
            w.write(tail);
        }
        return f;
    }

    /**
     * The attack's shape: one #VER holding a million #TRANS rows (about 50 MB). It is judged as a
     * stream: every row reaches the sink as it is read, and the heap held after a collection does
     * not grow between the voucher's 100 000th and 900 000th row (only a running sum is kept).
     */
    @Test
    void shouldStreamAVoucherOfAMillionRowsWithoutHoldingIt() throws IOException {
        int rows = 1_000_000;
        Path f = generate(HEAD + "#VER A 1 20180531 \"Stor\"\n{\n", rows - 1,
                i -> "#TRANS 4011 {1 \"31240\" 20 \"9916\"} 1.00 20180531 \"r\"\n",
                "#TRANS 2910 {} -" + (rows - 1) + ".00\n}\n");
        assertTrue(Files.size(f) > 40_000_000, "about 50 MB: " + Files.size(f));
        SieLedgerReader.Source source = SieLedgerReader.source(f, null);
        Runtime runtime = Runtime.getRuntime();
        long[] count = {0};
        long[] heap = new long[2];
        source.forEach(line -> {
            count[0]++;
            if (count[0] == 100_000 || count[0] == 900_000) {
                System.gc();
                heap[count[0] == 100_000 ? 0 : 1] = runtime.totalMemory() - runtime.freeMemory();
            }
        });
        assertEquals(rows - 1, count[0], "every row on a result account is a line; the 2910 row balances");
        assertEquals(1, source.voucherBalance().vouchers());
        assertEquals(List.of(), source.voucherBalance().unbalanced(), "the million rows add up to zero");
        assertTrue(heap[1] - heap[0] < 32L << 20, "the heap held grew by " + ((heap[1] - heap[0]) >> 20)
                + " MiB over 800 000 rows of one voucher");
    }

    /** A 60 MB line is refused at its 65 537th byte, naming the limit and the line, in both languages. */
    @Test
    void shouldRefuseA60MbLineNamingTheLimitWithoutReadingIt() throws IOException {
        Path f = Files.createTempFile(dir, "long-line", ".se");
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(f))) {
            out.write("#FLAGGA 0\n#SIETYP 4\n#PROGRAM \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 60; i++) {
                out.write(chunk);
            }
            out.write("\"\n".getBytes(StandardCharsets.US_ASCII));
        }
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> SieLedgerReader.read(f, null));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "refused without reading the 60 MB");
        FieldError error = e.errors().get(0);
        assertEquals("rad 3", error.field());
        assertEquals("rad 3: Raden är längre än 65536 byte (gränsen för en rad i en huvudboksfil): är det verkligen"
                + " en SIE-fil med en post per rad?", error.message().sv());
        assertEquals("line 3: The line is longer than 65536 bytes (the limit of a line of a ledger file): is this"
                + " really an SIE file with one item per line?", error.message().en());
    }

    /** A million #OBJEKT items are skipped, not kept; a million #DIM items stop at the limit, said once. */
    @Test
    void shouldBoundAMillionDimAndObjektItems() throws IOException {
        Path objekt = generate(HEAD, 1_000_000, i -> "#OBJEKT 20 \"" + i + "\" \"Objekt nummer " + i + "\"\n",
                "#VER A 1 20180531\n{\n#TRANS 4011 {20 \"9916\"} 1.00\n#TRANS 2910 {} -1.00\n}\n");
        ParsedLedger read = SieLedgerReader.read(objekt, null);
        assertEquals(1, read.lines().size());
        assertEquals("9916", read.lines().get(0).object());

        Path dims = generate(HEAD, 1_000_000, i -> "#DIM " + (i % 9000 + 21) + " \"Dim\"\n",
                "#VER A 1 20180531\n{\n#TRANS 4011 {20 \"9916\"} 1.00\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> SieLedgerReader.read(dims, null));
        assertEquals(1, e.errors().size(), e.errors().toString());
        assertEquals("rad 1003", e.errors().get(0).field());
        assertEquals("rad 1003: Filen har fler än 1000 #DIM och #UNDERDIM (gränsen för dimensioner i en SIE-fil).",
                e.errors().get(0).message().sv());
        assertEquals("line 1003: The file has more than 1000 #DIM and #UNDERDIM (the limit of dimensions in an SIE"
                + " file).", e.errors().get(0).message().en());

        BadInputException name = assertThrows(BadInputException.class, () -> SieLedgerReader.read(
                write("#FLAGGA 0\n#SIETYP 4\n#DIM 20 \"" + "O".repeat(201) + "\"\n"), null));
        assertEquals("rad 3: #DIM 20 namn: 201 tecken; högst 200 (gränsen för ett namn).",
                name.errors().get(0).message().sv());
    }

    @Test
    void shouldReadSieAmounts() {
        assertEquals(new BigDecimal("-1234.50"), SieLedgerReader.amount("-1234.50"));
        assertEquals(new BigDecimal("100"), SieLedgerReader.amount("100"));
        assertNull(SieLedgerReader.amount("1,5"));
        assertNull(SieLedgerReader.amount("1.234"));
        assertNull(SieLedgerReader.amount("1 000.00"));
    }
}
