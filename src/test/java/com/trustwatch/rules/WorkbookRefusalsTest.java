package com.trustwatch.rules;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static com.trustwatch.rules.ApprovedTables.TIERS;
import static com.trustwatch.rules.DecisionTableLintTest.cell;
import static com.trustwatch.rules.DecisionTableLintTest.edit;
import static com.trustwatch.rules.DecisionTableLintTest.refused;
import static com.trustwatch.rules.DecisionTableLintTest.shipped;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbooks that must never reach the rule compiler: hostile files (each built by the test), anything
 * outside the approved template, and text that the compiled rules would read as code. Each is refused
 * with the workbook (and, where there is one, the sheet and cell) named.
 */
class WorkbookRefusalsTest {

    @Nested
    @DisplayName("hostile files are refused before Apache POI opens them, in bounded time and memory")
    class HostileFiles {

        @Test
        @DisplayName("a zip bomb: a 5 KB file whose sheet inflates to 50 MB")
        void zipBomb() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
                zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 50; i++) {
                    zip.write(zeros);
                }
            }
            byte[] bomb = out.toByteArray();
            assertThat(bomb.length).isLessThan(200_000);
            assertThat(refused(TIERS, bomb)).singleElement().asString().isEqualTo("tier-thresholds.xlsx: the file inflates to "
                    + "more than 8388608 bytes (a zip bomb, or far more than a decision table); it was not opened");
        }

        @Test
        @DisplayName("an XML external entity (XXE) in a sheet")
        void xxe() throws IOException {
            byte[] wb = rewrite(shipped(TIERS), "xl/worksheets/sheet1.xml", xml -> xml.replaceFirst("\\?>",
                    "?><!DOCTYPE worksheet [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx: the part xl/worksheets/sheet1.xml "
                    + "declares a document type (<!DOCTYPE>/<!ENTITY>), which a spreadsheet program never writes and which "
                    + "can make an XML reader fetch other files; the file was not opened");
        }

        @Test
        @DisplayName("a file over the size cap (1 MiB)")
        void overLargeFile() throws IOException {
            byte[] noise = new byte[1_500_000];
            new Random(7).nextBytes(noise);
            byte[] wb = addStored(shipped(TIERS), "docProps/thumbnail.bin", noise);
            assertThat(refused(TIERS, wb)).singleElement().asString().startsWith("tier-thresholds.xlsx: the file is ")
                    .endsWith("bytes; a decision-table workbook may be at most 1048576 bytes (the shipped ones are about 10 KB)");
        }

        @Test
        @DisplayName("a sheet that uses rows far below the table")
        void tooManyRows() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> cell(sheet, "A5000").setCellValue("x"));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves: the sheet uses rows down "
                    + "to 5000; a table may use at most 1000 rows (delete the rows below the table)");
        }

        @Test
        @DisplayName("a row that uses columns far right of the table")
        void tooManyColumns() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> cell(sheet, "CZ6").setCellValue("x"));
            assertThat(refused(TIERS, wb)).containsExactly("tier-thresholds.xlsx › Tier reserves › row 6: the row uses "
                    + "columns up to CZ; a table may use at most 50 columns");
        }

        @Test
        @DisplayName("a password-protected (encrypted) workbook")
        void passwordProtected() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (POIFSFileSystem fs = new POIFSFileSystem();
                 XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(shipped(TIERS)))) {
                EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
                Encryptor encryptor = info.getEncryptor();
                encryptor.confirmPassword("client-money");
                try (OutputStream os = encryptor.getDataStream(fs)) {
                    book.write(os);
                }
                fs.writeFilesystem(out);
            }
            assertThat(refused(TIERS, out.toByteArray())).containsExactly("tier-thresholds.xlsx: the workbook is "
                    + "password-protected (encrypted); remove the password (File › Info › Protect Workbook › Encrypt with "
                    + "Password, clear it) and upload it again");
        }

        @Test
        @DisplayName("the old Excel 97-2003 format (.xls), by its content and by its name")
        void xls() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (HSSFWorkbook book = new HSSFWorkbook()) {
                book.createSheet("Tier reserves").createRow(0).createCell(0).setCellValue("Id");
                book.write(out);
            }
            assertThat(refused(TIERS, out.toByteArray())).containsExactly("tier-thresholds.xlsx: the old Excel 97-2003 "
                    + "format (.xls) is refused; save the workbook as 'Excel Workbook (.xlsx)'");
            assertThat(RulesetCompiler.fileProblems("tier-thresholds.xls", shipped(TIERS))).containsExactly(
                    "tier-thresholds.xls: the old Excel 97-2003 format (.xls) is refused; save the workbook as 'Excel Workbook (.xlsx)'");
        }

        @Test
        @DisplayName("a macro-enabled workbook: by its name (.xlsm), by its content type, and by a macro part under an .xlsx name")
        void macros() throws IOException {
            assertThat(RulesetCompiler.fileProblems("tier-thresholds.xlsm", shipped(TIERS))).singleElement().asString()
                    .startsWith("tier-thresholds.xlsm: a macro-enabled workbook (.xlsm) is refused; tables hold data only");
            byte[] typed = rewrite(shipped(TIERS), "[Content_Types].xml", xml -> xml.replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml"));
            assertThat(refused(TIERS, typed)).containsExactly("tier-thresholds.xlsx: a macro-enabled workbook (.xlsm saved "
                    + "under another name) is refused; tables hold data only. In Excel choose File › Save As, type 'Excel "
                    + "Workbook (.xlsx)'");
            byte[] vba = addStored(shipped(TIERS), "xl/vbaProject.bin", new byte[]{1, 2, 3});
            assertThat(refused(TIERS, vba)).containsExactly(
                    "tier-thresholds.xlsx: the workbook carries macros (xl/vbaProject.bin); tables hold data only");
        }

        @Test
        @DisplayName("a link to another workbook and an embedded object")
        void linksAndEmbeddings() throws IOException {
            byte[] wb = addStored(addStored(shipped(TIERS), "xl/externalLinks/externalLink1.xml", "<x/>".getBytes()),
                    "xl/embeddings/oleObject1.bin", new byte[]{1});
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx: the workbook links to another workbook (xl/externalLinks/externalLink1.xml); tables hold data only",
                    "tier-thresholds.xlsx: the workbook carries an embedded object (xl/embeddings/oleObject1.bin); tables hold data only");
        }
    }

    @Nested
    @DisplayName("anything outside the approved template is refused")
    class OutsideTheTemplate {

        @Test
        @DisplayName("Drools decision-table keywords (RuleSet, Import, Functions, Variables, Queries, Declare) anywhere")
        void droolsKeywords() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> {
                cell(sheet, "A2").setCellValue("Functions");
                cell(sheet, "A3").setCellValue("Import");
                cell(sheet, "A12").setCellValue("Queries");
                cell(sheet, "A13").setCellValue("Declare");
                cell(sheet, "A14").setCellValue("Variables");
                cell(sheet, "A15").setCellValue("RuleSet");
            });
            String keyword = "' is a keyword of Drools' own decision-table format, which would turn the sheet into code; "
                    + "these sheets hold data only, and the rules they fill in are approved templates. Delete the cell";
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › A2: 'Functions" + keyword,
                    "tier-thresholds.xlsx › Tier reserves › A3: 'Import" + keyword,
                    "tier-thresholds.xlsx › Tier reserves › A12: 'Queries" + keyword,
                    "tier-thresholds.xlsx › Tier reserves › A13: 'Declare" + keyword,
                    "tier-thresholds.xlsx › Tier reserves › A14: 'Variables" + keyword,
                    "tier-thresholds.xlsx › Tier reserves › A15: 'RuleSet" + keyword);
        }

        @Test
        @DisplayName("a cell above the header row outside column A, and a formula above the table")
        void aboveTheTable() {
            byte[] wb = edit(TIERS, "Tier reserves", sheet -> {
                cell(sheet, "C2").setCellValue("com.trustwatch.decision.*");
                cell(sheet, "A3").setCellFormula("1+1");
            });
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › C2: above the table only a title and notes in column A belong "
                            + "to the approved template; delete the cell",
                    "tier-thresholds.xlsx › Tier reserves › A3: holds a formula (1+1); above the table only text belongs");
        }

        @Test
        @DisplayName("text in a data cell that the compiled rule would read as code: a double quote, a backslash, a template expression")
        void codeInADataCell() {
            byte[] wb = edit(TIERS, "Tier reserves", "B5", "x\" salience 100 when then System.exit(0); end rule \"y");
            wb = DecisionTableLintTest.edit(wb, "Tier reserves", "B6", "Tier 2 @{id}");
            wb = DecisionTableLintTest.edit(wb, "Practice minimums", "C5", "LITIGATION\\\"");
            assertThat(refused(TIERS, wb)).containsExactly(
                    "tier-thresholds.xlsx › Tier reserves › B5 (Name): 'x\" salience 100 when then System.exit(0); end rule "
                            + "\"y' holds a double quote or a backslash, which the compiled rule would read as code; use a "
                            + "single quote (') instead",
                    "tier-thresholds.xlsx › Tier reserves › B6 (Name): 'Tier 2 @{id}' holds '@{', which the rule template "
                            + "would read as code; write it another way",
                    "tier-thresholds.xlsx › Practice minimums › C5 (Practice area): 'LITIGATION\\\"' holds a double quote or "
                            + "a backslash, which the compiled rule would read as code; use a single quote (') instead");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The workbook with one part's XML text changed. */
    static byte[] rewrite(byte[] workbook, String part, UnaryOperator<String> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(part)) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(content);
            }
        }
        return out.toByteArray();
    }

    /** The workbook with one more part, stored uncompressed. */
    static byte[] addStored(byte[] workbook, String part, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(in.readAllBytes());
            }
            ZipEntry extra = new ZipEntry(part);
            extra.setMethod(ZipEntry.STORED);
            extra.setSize(content.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(content);
            extra.setCrc(crc.getValue());
            zip.putNextEntry(extra);
            zip.write(content);
        }
        return out.toByteArray();
    }
}
