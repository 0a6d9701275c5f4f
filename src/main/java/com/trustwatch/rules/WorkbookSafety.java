package com.trustwatch.rules;

import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks a workbook file before Apache POI opens it, so that a hostile or unusable file is refused in
 * bounded time and memory with a sentence a billing manager can act on: the old .xls format, a
 * macro-enabled (.xlsm) or password-protected workbook, a file over the size cap, a zip bomb (the
 * parts are inflated here with a running count, stopped at the cap, whatever sizes the zip claims),
 * an XML part with a document type declaration (the door to XML external entities), and parts that
 * carry code or reach outside the file (macros, ActiveX controls, embedded objects, links to other
 * workbooks). POI's own zip limits are set as a second line of defence.
 */
final class WorkbookSafety {

    /** Largest workbook file accepted; the shipped ones are about 10 KB. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    /** Largest total of the inflated parts; the shipped workbooks inflate to about 60 KB. */
    static final long MAX_INFLATED_BYTES = 8L * 1024 * 1024;
    /** Most parts a workbook may hold; the shipped ones have about 15. */
    static final int MAX_PARTS = 200;
    /** Most rows (and columns) a sheet may use; a table has tens of rows and at most 14 columns. */
    static final int MAX_ROWS = 1000;
    static final int MAX_COLUMNS = 50;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    static {
        // defence in depth for anything that reaches POI: its defaults allow 4 GB entries
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_INFLATED_BYTES);
        ZipSecureFile.setMaxTextSize(MAX_INFLATED_BYTES);
    }

    private WorkbookSafety() {
    }

    /** Loads the class, so POI's zip limits are in force before any workbook is opened. */
    static void install() {
        // the static initialiser does the work
    }

    /** Every problem with the file itself, each starting with the workbook's name; empty when it may be opened. */
    static List<String> check(String name, byte[] content) {
        List<String> problems = new ArrayList<>();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsm")) {
            problems.add(name + ": a macro-enabled workbook (.xlsm) is refused; tables hold data only. In Excel choose "
                    + "File › Save As, type 'Excel Workbook (.xlsx)'");
            return problems;
        }
        if (lower.endsWith(".xls")) {
            problems.add(name + ": the old Excel 97-2003 format (.xls) is refused; save the workbook as 'Excel Workbook (.xlsx)'");
            return problems;
        }
        if (content.length > MAX_FILE_BYTES) {
            problems.add(name + ": the file is " + content.length + " bytes; a decision-table workbook may be at most "
                    + MAX_FILE_BYTES + " bytes (the shipped ones are about 10 KB)");
            return problems;
        }
        if (startsWith(content, OLE2)) {
            problems.add(name + (containsUtf16(content, "EncryptionInfo")
                    ? ": the workbook is password-protected (encrypted); remove the password (File › Info › Protect "
                    + "Workbook › Encrypt with Password, clear it) and upload it again"
                    : ": the old Excel 97-2003 format (.xls) is refused; save the workbook as 'Excel Workbook (.xlsx)'"));
            return problems;
        }
        if (!startsWith(content, ZIP)) {
            return problems; // not a zip: the reader says it is not a readable xlsx workbook
        }
        inspectParts(name, content, problems);
        return problems;
    }

    private static void inspectParts(String name, byte[] content, List<String> problems) {
        long inflated = 0;
        int parts = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++parts > MAX_PARTS) {
                    problems.add(name + ": the file holds more than " + MAX_PARTS + " parts; it is not a decision-table workbook");
                    return;
                }
                String part = entry.getName();
                String refused = refusedPart(part);
                if (refused != null) {
                    problems.add(name + ": " + refused + " (" + part + "); tables hold data only");
                }
                boolean xml = part.endsWith(".xml") || part.endsWith(".rels");
                // the first bytes of an XML part: a DOCTYPE comes before the root element
                StringBuilder head = xml ? new StringBuilder() : null;
                for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
                    inflated += n;
                    if (inflated > MAX_INFLATED_BYTES) {
                        problems.add(name + ": the file inflates to more than " + MAX_INFLATED_BYTES + " bytes (a zip bomb, "
                                + "or far more than a decision table); it was not opened");
                        return;
                    }
                    if (head != null && head.length() < 4096) {
                        head.append(new String(buffer, 0, Math.min(n, 4096), StandardCharsets.ISO_8859_1));
                    }
                }
                if (head != null && (head.indexOf("<!DOCTYPE") >= 0 || head.indexOf("<!ENTITY") >= 0)) {
                    problems.add(name + ": the part " + part + " declares a document type (<!DOCTYPE>/<!ENTITY>), which a "
                            + "spreadsheet program never writes and which can make an XML reader fetch other files; "
                            + "the file was not opened");
                }
                if ("[Content_Types].xml".equals(part) && head != null
                        && head.toString().toLowerCase(Locale.ROOT).contains("macroenabled")) {
                    problems.add(name + ": a macro-enabled workbook (.xlsm saved under another name) is refused; tables hold "
                            + "data only. In Excel choose File › Save As, type 'Excel Workbook (.xlsx)'");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(name + ": not a readable xlsx workbook (the zip is damaged: " + e.getMessage() + "); save it "
                    + "from Excel or LibreOffice as 'Excel Workbook (.xlsx)'");
        }
    }

    private static String refusedPart(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        if (p.endsWith("vbaproject.bin") || p.contains("/vba")) {
            return "the workbook carries macros";
        }
        if (p.startsWith("xl/activex/")) {
            return "the workbook carries ActiveX controls";
        }
        if (p.startsWith("xl/embeddings/")) {
            return "the workbook carries an embedded object";
        }
        if (p.startsWith("xl/externallinks/")) {
            return "the workbook links to another workbook";
        }
        return null;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the UTF-16LE form of {@code text} occurs (the directory of an OLE2 file names its streams so). */
    private static boolean containsUtf16(byte[] content, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_16LE);
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
