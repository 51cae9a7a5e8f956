package se.bidragskoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * A strict reader for the spreadsheets the service writes: every XML part of the package must be
 * well-formed to the JDK's XML parser (Excel and openpyxl refuse a file whose styles.xml is not),
 * and, where python3 has openpyxl, openpyxl must open the file.
 */
public final class StrictXlsx {

    private StrictXlsx() {
    }

    /** Checks the file and returns the number format codes of its styles.xml. */
    public static List<String> check(byte[] xlsx) throws Exception {
        assertTrue(xlsx.length > 4 && xlsx[0] == 'P' && xlsx[1] == 'K', "a zip package");
        List<String> formats = new ArrayList<>();
        int parts = 0;
        Path file = Files.createTempFile("strikt", ".xlsx");
        Files.write(file, xlsx);
        // ZipFile, not ZipInputStream: fastexcel streams its entries with data descriptors
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.getName().endsWith(".xml") && !entry.getName().endsWith(".rels")) {
                    continue;
                }
                byte[] part = zip.getInputStream(entry).readAllBytes();
                Document document;
                try {
                    document = parser().parse(new ByteArrayInputStream(part));
                } catch (SAXParseException e) {
                    fail(entry.getName() + " is not well-formed at line " + e.getLineNumber() + ", column "
                            + e.getColumnNumber() + ": " + e.getMessage());
                    return formats;
                }
                parts++;
                if (entry.getName().equals("xl/styles.xml")) {
                    NodeList numFmts = document.getElementsByTagNameNS("*", "numFmt");
                    for (int i = 0; i < numFmts.getLength(); i++) {
                        formats.add(((Element) numFmts.item(i)).getAttribute("formatCode"));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        assertTrue(parts >= 4, "content types, relations, workbook and a sheet: " + parts + " XML parts");
        openpyxl(xlsx);
        return formats;
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder;
    }

    /** openpyxl as a second strict reader, when python3 has it (Debian: python3-openpyxl). */
    private static void openpyxl(byte[] xlsx) throws IOException, InterruptedException {
        String python = python();
        if (python == null) {
            return;
        }
        Path file = Files.createTempFile("strikt", ".xlsx");
        try {
            Files.write(file, xlsx);
            Process p = new ProcessBuilder(python, "-c",
                    "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); "
                            + "[list(ws.iter_rows(values_only=True)) for ws in wb.worksheets]", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openpyxl finished");
            assertEquals(0, p.exitValue(), "openpyxl opens the file: " + output);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String python;
    private static boolean looked;

    /** The first python3 that has openpyxl (a pyenv shim may hide the system's), or null. */
    private static synchronized String python() throws InterruptedException {
        if (!looked) {
            looked = true;
            for (String candidate : List.of("python3", "/usr/bin/python3")) {
                try {
                    Process p = new ProcessBuilder(candidate, "-c", "import openpyxl").redirectErrorStream(true).start();
                    p.getInputStream().readAllBytes();
                    if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                        python = candidate;
                        break;
                    }
                } catch (IOException e) {
                    // not this one
                }
            }
        }
        return python;
    }
}
