#!/usr/bin/python3
"""Independent readers of our DOCX files, for docx_renderer_test.

  docx_check.py read FILE.docx...   one JSON line per file, read with python-docx: the body in
      order (paragraphs with text, style name and
      their own first-line and left indents in twips, tables with cells, header-row and cantSplit
      flags), the default language, the headers and the first page's own header.
  docx_check.py compare OURS.pdf OTHER.pdf   one JSON line: both PDFs' words (pdftotext -raw,
      words hyphenated at a line end joined again, page numbers dropped) compared in order and
      as letters, and their page counts.
"""
import difflib
import json
import re
import subprocess
import sys

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def table_block(table):
    rows = table.rows
    return {
        "table": [[cell.text for cell in row.cells] for row in rows],
        "style": table.style.name if table.style is not None else "",
        "header": [row._tr.find(qn("w:trPr")) is not None
                   and row._tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
                   for row in rows],
        "cant_split": [row._tr.find(qn("w:trPr")) is not None
                       and row._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
                       for row in rows],
        "cell_styles": sorted({p.style.name for row in rows for cell in row.cells
                               for p in cell.paragraphs}),
    }


def twips(length):
    # The paragraph's own indent (None: as its style says).
    return None if length is None else round(length.emu / 635)


def body(document):
    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            blocks.append({"p": paragraph.text, "style": paragraph.style.name,
                           "first_line": twips(paragraph.paragraph_format.first_line_indent),
                           "left": twips(paragraph.paragraph_format.left_indent)})
        elif child.tag == qn("w:tbl"):
            blocks.append(table_block(Table(child, document)))
    return blocks


def default_language(document):
    styles = document.styles.element
    lang = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") +
                       "/" + qn("w:lang"))
    return lang.get(qn("w:val")) if lang is not None else ""


def read(path):
    document = docx.Document(path)
    section = document.sections[0]
    return {
        "file": path,
        "blocks": body(document),
        "language": default_language(document),
        "different_first_page": bool(section.different_first_page_header_footer),
        "header_text": "".join(p.text for p in section.header.paragraphs),
        "first_header_text": "".join(p.text for p in section.first_page_header.paragraphs),
        "page_width_mm": round(section.page_width.mm),
        "left_margin_mm": round(section.left_margin.mm),
        "title": document.core_properties.title or "",
    }


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_words(path):
    # -raw: in the order the text was drawn, so both PDFs read table cells row by row.
    text = subprocess.run(["pdftotext", "-q", "-raw", path, "-"], capture_output=True,
                          text=True, check=True).stdout
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    # A word hyphenated at a line end, joined again.
    text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    words = []
    for number, page in enumerate(text.split("\f"), start=1):
        lines = page.split("\n")
        # The page number in the header of pages 2 and on, wherever the reader puts it.
        if number > 1 and str(number) in (line.strip() for line in lines):
            lines.remove(next(line for line in lines if line.strip() == str(number)))
        words += " ".join(lines).split()
    return words


def letters(words):
    """The text's characters without spaces and hyphens: what stays when two layouts break
    lines, and cut words, in different places."""
    return sorted("".join(words).replace("-", ""))


def without_repeated_headers(words):
    """The words with every later copy of a table's header row («№ п/п …» up to the first row's
    number) left out: a header is repeated on each page its table runs onto, and the two layouts
    break pages in other places."""
    start = 0
    while start < len(words) - 1:
        if words[start:start + 2] == ["№", "п/п"]:
            end = start + 2
            while end < len(words) and end - start < 12 and not words[end].isdigit():
                end += 1
            head, rest, kept, i = words[start:end], words[end:], [], 0
            while i < len(rest):
                if rest[i:i + len(head)] == head:
                    i += len(head)
                else:
                    kept.append(rest[i])
                    i += 1
            words = words[:end] + kept
            start = end
        else:
            start += 1
    return words


def occurrences(words, chunk):
    n, i = 0, 0
    while i <= len(words) - len(chunk):
        if words[i:i + len(chunk)] == chunk:
            n += 1
            i += len(chunk)
        else:
            i += 1
    return n


def without_page_repeats(a, b, opcodes):
    """Both texts without the runs only one of them has where that run stands elsewhere in the
    same text too: a table header repeated on a page that the other layout does not start."""
    drop_a, drop_b = set(), set()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "delete" and i2 - i1 >= 2 and occurrences(a, a[i1:i2]) >= 2:
            drop_a.update(range(i1, i2))
        if tag == "insert" and j2 - j1 >= 2 and occurrences(b, b[j1:j2]) >= 2:
            drop_b.update(range(j1, j2))
    return ([w for k, w in enumerate(a) if k not in drop_a],
            [w for k, w in enumerate(b) if k not in drop_b])


def compare(ours, other):
    a, b = without_repeated_headers(pdf_words(ours)), without_repeated_headers(pdf_words(other))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    differences = []
    kept_a, kept_b = without_page_repeats(a, b, matcher.get_opcodes())
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal" and len(differences) < 5:
            differences.append({"ours": " ".join(a[i1:i2][:12]), "other": " ".join(b[j1:j2][:12])})
    return {
        "ours_pages": pdf_pages(ours), "other_pages": pdf_pages(other),
        "ours_words": len(a), "other_words": len(b),
        "same_words": a == b,
        "same_letters": letters(kept_a) == letters(kept_b),
        "in_order": matcher.ratio(), "differences": differences,
    }


if __name__ == "__main__":
    if sys.argv[1] == "read":
        for name in sys.argv[2:]:
            print(json.dumps(read(name), ensure_ascii=False))
    else:
        print(json.dumps(compare(sys.argv[2], sys.argv[3]), ensure_ascii=False))
