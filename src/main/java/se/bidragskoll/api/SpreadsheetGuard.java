package se.bidragskoll.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an uploaded {@code .xlsx} once as a stream, before any spreadsheet reader allocates for it,
 * and refuses a file beyond the bounds: the bytes it unpacks to (in all and per part), the number of
 * parts, the length of one cell's text (Excel's own limit) and the rows of a sheet. A decompression
 * bomb so costs what its first bounded megabytes cost. Each refusal names its limit.
 */
public final class SpreadsheetGuard {

    /** What the workbook may unpack to in all, and one part (a sheet, the shared strings) of it. */
    public static final long MAX_UNPACKED = 48L * 1024 * 1024;
    public static final long MAX_PART = 16L * 1024 * 1024;
    public static final int MAX_PARTS = 2_000;
    /** Excel's own limit on the characters of one cell. */
    public static final int MAX_CELL_CHARS = 32_767;
    public static final int MAX_ROWS_PER_SHEET = 20_000;
    /** The largest workbook file taken in; a real plan or dossier workbook is a few hundred kB. */
    public static final int MAX_FILE = 16 * 1024 * 1024;

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, false);
    }

    private SpreadsheetGuard() {
    }

    /** The upload's bytes, read up to {@link #MAX_FILE}, checked; refused with a 400 problem naming the limit. */
    public static byte[] read(InputStream in, String field) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_FILE + 1);
        } catch (IOException e) {
            throw unreadable(field);
        }
        if (bytes.length > MAX_FILE) {
            throw refuse(field, "Filen är större än " + MAX_FILE / (1024 * 1024) + " MiB, gränsen för en arbetsbok.",
                    "The file is larger than " + MAX_FILE / (1024 * 1024) + " MiB, the limit for a workbook.");
        }
        check(bytes, field);
        return bytes;
    }

    /** Checks a workbook file already on disk. */
    public static void check(Path file, String field) {
        try (ZipFile zip = ZipFile.builder().setFile(file.toFile()).get()) {
            check(zip, field);
        } catch (IOException e) {
            throw unreadable(field);
        }
    }

    private static void check(byte[] bytes, String field) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            check(zip, field);
        } catch (IOException e) {
            throw unreadable(field);
        }
    }

    /**
     * Every part, read as a stream of what it really unpacks to (not what the directory claims),
     * against the bounds.
     */
    private static void check(ZipFile zip, String field) throws IOException {
        long[] total = {0};
        int parts = 0;
        for (java.util.Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
            ZipArchiveEntry entry = entries.nextElement();
            if (++parts > MAX_PARTS) {
                throw refuse(field, "Arbetsboken har fler än " + MAX_PARTS + " delar.",
                        "The workbook has more than " + MAX_PARTS + " parts.");
            }
            String name = entry.getName();
            try (InputStream part = new Counted(zip.getInputStream(entry), name, total, field)) {
                if (name.startsWith("xl/worksheets/") && name.endsWith(".xml") || name.equals("xl/sharedStrings.xml")) {
                    scan(part, name, field);
                } else {
                    part.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
        if (parts == 0) {
            throw unreadable(field);
        }
    }

    /** Streams one sheet or the shared strings: no cell longer than Excel allows, not too many rows. */
    private static void scan(InputStream part, String name, String field) throws IOException {
        try {
            XMLStreamReader xml = XML.createXMLStreamReader(part);
            int rows = 0;
            long cell = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    cell = 0;
                    if ("row".equals(xml.getLocalName()) && ++rows > MAX_ROWS_PER_SHEET) {
                        throw refuse(field, "Bladet " + name + " har fler än " + MAX_ROWS_PER_SHEET + " rader.",
                                "The sheet " + name + " has more than " + MAX_ROWS_PER_SHEET + " rows.");
                    }
                } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    cell += xml.getTextLength();
                    if (cell > MAX_CELL_CHARS) {
                        throw refuse(field, "En cell i " + name + " har mer än " + MAX_CELL_CHARS
                                + " tecken, Excels gräns för en cell.", "A cell in " + name + " has more than "
                                + MAX_CELL_CHARS + " characters, Excel's limit for one cell.");
                    }
                }
            }
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof BadInputException bad) {
                throw bad;
            }
            throw unreadable(field);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            throw e;
        }
    }

    private static BadInputException refuse(String field, String sv, String en) {
        return BadInputException.of(field, sv + " Filen avvisades innan den lästes.", en + " The file was refused before it was read.");
    }

    private static BadInputException unreadable(String field) {
        return BadInputException.of(field, "Filen går inte att läsa som en Excel-arbetsbok (.xlsx).",
                "The file cannot be read as an Excel workbook (.xlsx).");
    }

    /** Counts what one part unpacks to, against its own bound and the workbook's. */
    private static final class Counted extends FilterInputStream {
        private final String name;
        private final long[] total;
        private final String field;
        private long part;

        Counted(InputStream in, String name, long[] total, String field) {
            super(in);
            this.name = name;
            this.total = total;
            this.field = field;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            part += n;
            total[0] += n;
            if (part > MAX_PART) {
                throw refuse(field, "Delen " + name + " packas upp till mer än " + MAX_PART / (1024 * 1024)
                        + " MiB.", "The part " + name + " unpacks to more than " + MAX_PART / (1024 * 1024) + " MiB.");
            }
            if (total[0] > MAX_UNPACKED) {
                throw refuse(field, "Arbetsboken packas upp till mer än " + MAX_UNPACKED / (1024 * 1024) + " MiB.",
                        "The workbook unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB.");
            }
        }
    }
}
