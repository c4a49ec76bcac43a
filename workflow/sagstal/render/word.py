"""Word documents an analyst can open and adjust: one per appendix and one for the whole report.

They are written from the same Markdown the appendices are rendered to (so the three formats say
the same), with styles from a template .docx in workflow/templates/ that DS can replace with its
own: headings a Word user can navigate, tables with Danish headers and numbers right-aligned, the
charts embedded at a legible width.
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.oxml.table import CT_Tbl
from docx.shared import Cm

from ..core.danish import number
from ..core.files import write_bytes
from .pages import MARKDOWN_SPECIALS

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "sagstal.docx"
IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<path>[^)]+)\)$")
EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")
ESCAPED = re.compile(rf"\\([{MARKDOWN_SPECIALS}])")  # pages.markdown_text: a respondent's character, shown as typed
HELD = re.compile("\x00(\\d+)\x00")
CHART_WIDTH = Cm(16)


def new_document(template: Path = TEMPLATE):
    """A document with the template's styles and nothing in its body."""
    document = Document(str(template))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    return document


def _styled(document, text: str, style: str):
    """A paragraph with a style of the template, by the style's id (resolving a style's name at
    every paragraph costs more than writing the paragraph)."""
    ids = document.__dict__.setdefault("_style_ids", {})
    if style not in ids:
        ids[style] = document.styles[style].style_id
    paragraph = document.add_paragraph(text)
    paragraph._p.style = ids[style]
    return paragraph


def _plain(text: str) -> str:
    """The text without the Markdown's emphasis marks; an escaped character is kept as typed (set
    aside while emphasis is read, so a respondent's "*" never makes anything italic)."""
    held: list[str] = []

    def hold(match):
        held.append(match.group(1))
        return f"\x00{len(held) - 1}\x00"

    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), ESCAPED.sub(hold, text))
    return HELD.sub(lambda m: held[int(m.group(1))], text).strip()


def _table(document, lines: list[str]) -> None:
    """A Markdown table: the header row, the alignment row (---: is right-aligned), the rows."""
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    header, alignment, rows = cells[0], cells[1], cells[2:]
    right = [a.endswith(":") for a in alignment]
    _fill(document, [header, *rows], right, bold=lambda r, value: r == 0 or value.startswith("**"))


def _add_block(document, element) -> None:
    """A paragraph or table at the end of the body, before its section properties."""
    end = document.element.body.sectPr
    if end is None:
        document.element.body.append(element)
    else:
        end.addprevious(element)


def _cell_paragraph(text: str, bold: bool, right: bool) -> str:
    """One cell's paragraph as WordprocessingML, as python-docx's add_run would write it."""
    alignment = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    weight = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in text.split("\n")) if text else ""
    return f"<w:p>{alignment}<w:r>{weight}{lines}</w:r></w:p>"


def _fill(document, rows: list[list], right: list[bool], bold) -> None:
    """A table of text cells (Table Grid style, left-aligned): python-docx's own empty-table XML with
    the cells' paragraphs put in, parsed once (python-docx's cell objects cost a lookup per cell)."""
    ids = document.__dict__.setdefault("_style_ids", {})
    ids.setdefault("Table Grid", document.styles["Table Grid"].style_id)
    skeleton = CT_Tbl._tbl_xml(len(rows), len(rows[0]), document._block_width)  # noqa: SLF001
    skeleton = skeleton.replace("<w:tblPr>", f'<w:tblPr><w:tblStyle w:val="{ids["Table Grid"]}"/>', 1)
    skeleton = skeleton.replace('<w:tblW w:type="auto" w:w="0"/>', '<w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/>', 1)
    pieces = skeleton.split("<w:p/>")
    cells = [_cell_paragraph(_plain(value), bold(r, value), right[c]) for r, row in enumerate(rows)
             for c, value in enumerate(row)]
    table = parse_xml("".join(piece + cell for piece, cell in zip(pieces, cells)) + pieces[-1])
    _add_block(document, table)


def add_markdown(document, markdown: str, folder: Path) -> None:
    """The appendix Markdown this project writes, as Word paragraphs, tables and pictures; image
    paths are relative to `folder`."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith("|"):
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            _table(document, block)
            continue
        i += 1
        if not line.strip() or line.strip() == "---":
            continue
        heading = re.match(r"^(#{1,3}) (.*)$", line)
        image = IMAGE.match(line.strip())
        if heading:
            _styled(document, _plain(heading.group(2)), f"Heading {len(heading.group(1))}")
        elif image:
            document.add_picture(str((folder / image.group("path")).resolve()), width=CHART_WIDTH)
            _styled(document, image.group("alt"), "Caption")
        elif line.startswith("> "):
            _styled(document, _plain(line[2:]), "Quote")
        elif line.startswith("*") and line.endswith("*"):
            document.add_paragraph().add_run(_plain(line)).italic = True
        else:
            document.add_paragraph(_plain(line))


def save(document, path) -> None:
    buffer = io.BytesIO()
    document.save(buffer)
    write_bytes(buffer.getvalue(), path)


@dataclass
class Body:
    """An appendix's paragraphs and tables, and the pictures they show (relationship id -> PNG
    bytes), kept for the report without the rest of the appendix's document."""

    elements: list
    pictures: dict


def appendix(markdown: str, folder: Path, path) -> Body:
    """One appendix as a Word document, from its Markdown; its body is returned for the report."""
    document = new_document()
    add_markdown(document, markdown, folder)
    save(document, path)
    elements = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    shown = {blip.get(qn("r:embed")) for element in elements for blip in element.iter(qn("a:blip"))}
    return Body(elements, {rid: document.part.related_parts[rid].blob for rid in shown})


def _append_body(document, body: Body) -> None:
    """An appendix's body at the end of this document, its pictures added to this package under
    new relationship and shape ids: building it again from its Markdown would cost as much as the
    appendix did."""
    shape_id = document.part.next_id
    for element in body.elements:
        for blip in element.iter(qn("a:blip")):
            relationship, _ = document.part.get_or_add_image(io.BytesIO(body.pictures[blip.get(qn("r:embed"))]))
            blip.set(qn("r:embed"), relationship)
        for shape in element.iter(qn("wp:docPr")):  # ids unique in the document, or Word repairs it
            shape.set("id", str(shape_id))
            shape_id += 1
        _add_block(document, element)


def report(title: str, sections: list[tuple], appendices: list, path) -> None:
    """The whole report: a title, the cross-area tables (a heading and rows, the first the header,
    and optionally the notes to print under the table), then every appendix (the bodies
    appendix() returned)."""
    document = new_document()
    document.add_heading(title, level=0)
    for heading, rows, *notes in sections:
        _styled(document, heading, "Heading 1")
        texts = [[number(v) if isinstance(v, (int, float)) else str(v or "") for v in values] for values in rows]
        _fill(document, texts, [c > 0 for c in range(len(rows[0]))], bold=lambda r, value: r == 0)
        for note in (notes[0] if notes else []):
            document.add_paragraph(note)
    for body in appendices:
        document.add_page_break()
        _append_body(document, body)
    save(document, path)
