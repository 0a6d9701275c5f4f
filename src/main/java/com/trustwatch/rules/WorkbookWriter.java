package com.trustwatch.rules;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes a decision-table workbook in the approved layout: a title, a line of instructions, the
 * header row, then data rows with yellow cells (the only cells a billing manager edits). Values are
 * given as a person would type them ("2500", "90%", "Yes") and stored as typed cells.
 */
public final class WorkbookWriter {

    private static final int HEADER_ROW = 3;

    /** @param rowsBySheet for each sheet of the workbook, its data rows, one string per column */
    public byte[] write(String workbook, Map<String, List<List<String>>> rowsBySheet) {
        List<TableTemplate> templates = ApprovedTables.sheetsOf(workbook).stream()
                .filter(t -> !t.isTests() || rowsBySheet.containsKey(t.sheet())).toList();
        if (templates.isEmpty()) {
            throw new IllegalArgumentException("no approved template for workbook " + workbook);
        }
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(wb);
            for (TableTemplate template : templates) {
                Sheet sheet = wb.createSheet(template.sheet());
                sheet.createRow(0).createCell(0).setCellValue(template.sheet());
                sheet.getRow(0).getCell(0).setCellStyle(styles.title);
                sheet.createRow(1).createCell(0).setCellValue(template.isTests()
                        ? "Examples run on every upload: the facts of one matter per row and what the rules should decide. "
                        + "An empty expectation is not checked; 'none' expects nothing. Headers are fixed."
                        : "Edit the yellow cells only. Add a row for a new rule; "
                        + "each row needs a unique Id and a Name. Headers are fixed by the approved template.");
                Row header = sheet.createRow(HEADER_ROW);
                for (int c = 0; c < template.columns().size(); c++) {
                    Cell cell = header.createCell(c);
                    cell.setCellValue(template.columns().get(c).header());
                    cell.setCellStyle(styles.header);
                    sheet.setColumnWidth(c, Math.max(12, Math.min(60, template.columns().get(c).header().length() + 4)) * 256);
                }
                sheet.setColumnWidth(1, 70 * 256);
                List<List<String>> rows = rowsBySheet.getOrDefault(template.sheet(), List.of());
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(HEADER_ROW + 1 + r);
                    List<String> values = rows.get(r);
                    for (int c = 0; c < template.columns().size(); c++) {
                        String value = c < values.size() ? values.get(c) : "";
                        write(row.createCell(c), template.columns().get(c).kind(), value, styles);
                    }
                }
                sheet.createFreezePane(2, HEADER_ROW + 1);
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Cell cell, CellKind kind, String value, Styles styles) {
        String v = value == null ? "" : value.trim();
        if (TableTemplate.NONE.equalsIgnoreCase(v)) {
            cell.setCellStyle(styles.text);
            cell.setCellValue(TableTemplate.NONE);
            return;
        }
        switch (kind) {
            case MONEY, SIGNED_MONEY -> {
                cell.setCellStyle(styles.money);
                if (!v.isEmpty()) {
                    cell.setCellValue(new BigDecimal(v).doubleValue());
                }
            }
            case WHOLE_NUMBER -> {
                cell.setCellStyle(styles.whole);
                if (!v.isEmpty()) {
                    cell.setCellValue(Long.parseLong(v));
                }
            }
            case PERCENT -> {
                cell.setCellStyle(styles.percent);
                if (!v.isEmpty()) {
                    cell.setCellValue(new BigDecimal(v.replace("%", "").trim()).movePointLeft(2).doubleValue());
                }
            }
            default -> {
                cell.setCellStyle(styles.text);
                if (!v.isEmpty()) {
                    cell.setCellValue(v);
                }
            }
        }
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle money;
        final CellStyle whole;
        final CellStyle percent;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = wb.createCellStyle();
            title.setFont(big);
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setWrapText(true);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            border(header);
            text = data(wb);
            money = data(wb);
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            whole = data(wb);
            whole.setDataFormat(wb.createDataFormat().getFormat("0"));
            percent = data(wb);
            percent.setDataFormat(wb.createDataFormat().getFormat("0%"));
        }

        private static CellStyle data(Workbook wb) {
            CellStyle s = wb.createCellStyle();
            s.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            border(s);
            return s;
        }

        private static void border(CellStyle s) {
            s.setBorderBottom(BorderStyle.THIN);
            s.setBorderTop(BorderStyle.THIN);
            s.setBorderLeft(BorderStyle.THIN);
            s.setBorderRight(BorderStyle.THIN);
        }
    }
}
