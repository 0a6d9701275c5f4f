#!/usr/bin/env bash
# Renders every sheet of the shipped decision tables (decision-tables/*.xlsx) to a PNG in docs/images/,
# for docs/decision-tables.md. Run it from anywhere after a table changes, look at the pictures, commit them.
# TABLES=<folder> renders the workbooks of another folder (an edited copy), and PREFIX=<text> starts
# each picture's name with it (the walkthrough's pictures of edited sheets: PREFIX=edited-).
#
# Needs (Debian/Ubuntu packages):
#   apt-get update && apt-get install -y --no-install-recommends \
#       libreoffice-calc-nogui poppler-utils python3-openpyxl imagemagick
# (libreoffice-calc works too, instead of libreoffice-calc-nogui.)
#
# How: a copy of each workbook gets narrower columns and wrapped headers (values, colours and layout
# otherwise as shipped), and a sheet of more than 8 columns is shown in two pictures (-1, -2) that both
# start with the Id column; LibreOffice exports the copy to PDF with one page per sheet; pdftoppm turns
# each page into a PNG; ImageMagick trims the margins.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$here"
dpi="${DPI:-110}"
python="${PYTHON:-/usr/bin/python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in soffice pdftoppm "$python"; do
    command -v "$tool" >/dev/null || { echo "missing $tool; see the packages at the top of $0" >&2; exit 1; }
done
[ -x /usr/bin/convert ] || { echo "missing ImageMagick (/usr/bin/convert); see the packages at the top of $0" >&2; exit 1; }

# 1. print copies: columns narrow enough for a page, text wrapped; page names listed in order
"$python" - "${TABLES:-$repo/decision-tables}" "$work" <<'PY'
import sys, os, re, math, textwrap
from openpyxl import load_workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

src, work = sys.argv[1], sys.argv[2]
NAME_WIDTH, WIDTH, WIDE = 36, 15, 8   # column widths in characters; sheets wider than WIDE columns are split
LINE = 14                             # points per line of 10-11 pt text


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def lines(text, chars):
    """Lines the text takes when wrapped at about `chars` characters (LibreOffice does not fit row
    heights of an imported xlsx itself, so they are set here, erring on the tall side)."""
    return max(1, len(textwrap.wrap(str(text or ""), width=max(1, int(chars)), break_long_words=True)))


def layout(ws, shown):
    """Narrow columns, wrapped text, top-aligned rows; only the columns in `shown` visible."""
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Id")
    ws.freeze_panes = None
    for c in range(1, ws.max_column + 1):
        dim = ws.column_dimensions[get_column_letter(c)]
        dim.width = 8 if c == 1 else NAME_WIDTH if c == 2 else WIDTH
        dim.hidden = c not in shown
        for r in range(header, ws.max_row + 1):
            cell = ws.cell(r, c)
            cell.alignment = Alignment(horizontal=cell.alignment.horizontal, vertical="top", wrap_text=True)
    ws.row_dimensions[header].height = LINE * max(lines(ws.cell(header, c).value, WIDTH - 1) for c in shown) + 2
    for r in range(header + 1, ws.max_row + 1):
        ws.row_dimensions[r].height = LINE * max(
            lines(ws.cell(r, c).value, (NAME_WIDTH if c == 2 else WIDTH) * 1.25) for c in shown) + 2
    # the instructions line wraps within the visible width instead of running off the page
    width = sum(ws.column_dimensions[get_column_letter(c)].width for c in shown)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(shown))
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = LINE * lines(ws.cell(2, 1).value, width * 1.1) + 2


for name in sorted(os.listdir(src)):
    if not name.endswith(".xlsx"):
        continue
    wb = load_workbook(os.path.join(src, name))
    pages = []
    for ws in list(wb.worksheets):
        n = ws.max_column
        if n <= WIDE:
            layout(ws, set(range(1, n + 1)))
            pages.append(slug(ws.title))
            continue
        # a wide sheet in two pictures: Id, Name and the first columns; then Id and the rest, overlapping by two
        k = 2 + math.ceil((n - 2) / 2)
        second = wb.copy_worksheet(ws)
        layout(ws, set(range(1, k + 1)))
        layout(second, {1} | set(range(k - 1, n + 1)))
        wb.move_sheet(second, offset=wb.index(ws) - wb.index(second) + 1)
        pages += [slug(ws.title) + "-1", slug(ws.title) + "-2"]
    with open(os.path.join(work, name[:-5] + ".sheets"), "w") as listing:
        listing.write("\n".join(pages) + "\n")
    wb.save(os.path.join(work, name))
PY

# 2. one PDF page per sheet, 3. one PNG per page, named after the workbook and sheet
for xlsx in "$work"/*.xlsx; do
    base="$(basename "$xlsx" .xlsx)"
    soffice --headless --convert-to 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}' \
        --outdir "$work" "$xlsx" >/dev/null 2>&1
    pdftoppm -png -r "$dpi" "$work/$base.pdf" "$work/$base-page"
    n=0
    while read -r sheet; do
        n=$((n + 1))
        page="$(ls "$work/$base-page"-*.png | sort -V | sed -n "${n}p")"
        target="$out/${PREFIX:-}$base--$sheet.png"
        /usr/bin/convert "$page" -trim +repage -bordercolor white -border 12 -strip "$target"
        echo "wrote ${target#"$repo/"}"
    done < "$work/$base.sheets"
done
