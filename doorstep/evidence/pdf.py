"""The evidence pack's PDF: a title page, then one section per part of the record, each a table
that wraps its text and repeats its header row on every page, with the page number and the
case or household reference in every footer.

Set out by ReportLab (ADR 2: wheels only, no system libraries) in its invariant mode, so the
same contents give the same bytes: no creation date, no random document id. The fonts are the
PDF standard Helvetica family (nothing embedded); text is said in the characters it covers.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from doorstep.clocks.explain import show
from doorstep.evidence.contents import PackContents

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#0b0c0c")  # GOV.UK text colour
RULE = colors.HexColor("#b1b4b6")
HEAD_FILL = colors.HexColor("#f3f2f1")

_SHEET = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle(
        "title",
        parent=_SHEET["Title"],
        fontName="Helvetica-Bold",
        fontSize=22,
        leading=27,
        alignment=TA_LEFT,
        textColor=INK,
        spaceAfter=12,
    ),
    "h1": ParagraphStyle(
        "h1",
        parent=_SHEET["Heading1"],
        fontName="Helvetica-Bold",
        fontSize=16,
        leading=20,
        textColor=INK,
        spaceBefore=6,
        spaceAfter=8,
    ),
    "body": ParagraphStyle(
        "body",
        parent=_SHEET["BodyText"],
        fontName="Helvetica",
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=6,
    ),
    "key": ParagraphStyle(
        "key", fontName="Helvetica-Bold", fontSize=10, leading=13.5, textColor=INK
    ),
    "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=8.5, leading=11, textColor=INK),
    "small": ParagraphStyle(
        "small", fontName="Helvetica", fontSize=7.5, leading=9.5, textColor=INK
    ),
    "th": ParagraphStyle("th", fontName="Helvetica-Bold", fontSize=8.5, leading=11, textColor=INK),
}

# Characters Helvetica (WinAnsi) lacks, said in ones it has.
_SAID = str.maketrans({"→": "->", "≥": ">=", "≤": "<=", "≠": "!=", "✓": "yes", "✗": "no"})


def _plain(text: Any) -> str:
    """Text in the characters the standard fonts hold: others are said as their nearest
    letters, or '?' (the chronology.json beside the PDF holds every character as recorded)."""
    out = []
    for char in str(text).translate(_SAID):
        try:
            char.encode("cp1252")
            out.append(char)
        except UnicodeEncodeError:
            near = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            out.append(near or "?")
    return "".join(out)


def para(text: Any, style: str = "cell") -> Paragraph:
    """Text as a paragraph that wraps (escaped: the record's words are never markup)."""
    return Paragraph(escape(_plain(text)).replace("\n", "<br/>"), STYLES[style])


def rich(markup: str, style: str = "cell") -> Paragraph:
    """Markup built here from escaped parts (`para` for the record's own words)."""
    return Paragraph(markup, STYLES[style])


def esc(text: Any) -> str:
    return escape(_plain(text))


def table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float]) -> Any:
    """A table whose header row repeats on each page and whose cells wrap."""
    data: list[list[Any]] = [[para(h, "th") for h in header]]
    for row in rows:
        data.append([c if isinstance(c, Paragraph) else para(c) for c in row])
    scale = WIDTH / (sum(widths) * mm)  # widths in millimetres, fitted to the page
    out = LongTable(data, colWidths=[w * mm * scale for w in widths], repeatRows=1, splitByRow=1)
    out.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return out


def _section(title: str, intro: str, body: list[Any]) -> list[Any]:
    heading = [para(title, "h1")]
    if intro:
        heading.append(para(intro, "body"))
    return [PageBreak(), *heading, *body] if body else [PageBreak(), *heading]


def _title_page(c: PackContents) -> list[Any]:
    what = "Case" if c.subject == "case" else "Household"
    facts = [
        ("Landlord", c.landlord),
        (what, f"{c.reference}: {c.title}" if c.title else c.reference),
        *([("Household", c.household or "None (a communal case)")] if c.subject == "case" else []),
        ("Property", c.address),
        ("As of", show(c.as_of)),
        ("Produced for", c.produced_for),
        ("Purpose", c.purpose or "Not given"),
        ("Special category detail", "Included" if c.detail_shown else "Withheld"),
        ("History", f"{c.head.stream}: {c.head.length} entries"),
        ("Last entry", c.head.last_event or "None"),
        ("Chain hash at the last entry", c.head.head_hash),
    ]
    rows = [[para(k, "key"), para(v, "body")] for k, v in facts]
    grid = LongTable(rows, colWidths=[55 * mm, WIDTH - 55 * mm])
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    out: list[Any] = [
        para(f"Evidence pack: {c.reference}", "title"),
        para(
            "This pack is generated from the landlord's record alone. Its files and their "
            "checksums are listed in manifest.json; chronology.json holds every entry in the "
            "public format doorstep-chronology/1. Dates are shown as precisely as the record "
            "gives them: an entry known only to the month or year is marked as such.",
            "body",
        ),
        Spacer(1, 6),
        grid,
    ]
    if c.notes:
        out += [Spacer(1, 10), para("Notes", "key")]
        out += [para(note, "body") for note in c.notes]
    return out


def _chronology(c: PackContents) -> list[Any]:
    household = c.subject == "household"
    header = ["Date", *(["Case"] if household else []), "What happened", "By", "Entry id"]
    widths = [20, *([26] if household else []), 72, 34, 22]
    rows = []
    for r in c.chronology:
        when = esc(r.when) + ("<br/><i>" + esc(r.precision) + "</i>" if r.imprecise else "")
        what = f"<b>{esc(r.label)}</b>" + (f"<br/>{esc(r.sentence)}" if r.sentence else "")
        by = esc(r.by) + (f"<br/><i>recorded by {esc(r.recorded_by)}</i>" if r.recorded_by else "")
        rows.append(
            [
                rich(when),
                *([para(r.case, "small")] if household else []),
                rich(what),
                rich(by),
                para(r.event_id, "small"),
            ]
        )
    intro = (
        f"{len(c.chronology)} entries on the record up to {show(c.as_of)}, in the order they "
        "happened. A date marked 'month only' or 'year only' is as precise as the record is."
    )
    if c.later_events:
        intro += f" {c.later_events} later entries are in chronology.json, not listed here."
    return _section("Chronology", intro, [table(header, rows, widths)] if rows else [])


def _clocks(c: PackContents) -> list[Any]:
    header = ["Case", "Clock", "Started", "Due", "Stopped", "Where it stands", "Late by"]
    rows = [
        [
            para(r.case, "small"),
            f"{r.name}" + (f" ({r.subject})" if r.subject else ""),
            r.started + (" (imprecise)" if r.imprecise else ""),
            r.due,
            r.stopped or "Running",
            r.status,
            r.late_by,
        ]
        for r in c.clocks
    ]
    intro = (
        f"Every statutory, Code and policy clock on the record as of {show(c.as_of)}, counted in "
        "working days with bank holidays where the rule says so."
    )
    body = [table(header, rows, [26, 40, 20, 20, 20, 26, 22])] if rows else [para("None.", "body")]
    return _section("Clocks", intro, body)


def _commitments(c: PackContents) -> list[Any]:
    header = ["Case", "What was promised", "Made", "Due", "Where it stands"]
    rows = [
        [
            para(r.case, "small"),
            r.action,
            r.made + (" (imprecise)" if r.imprecise else ""),
            r.due,
            r.state,
        ]
        for r in c.commitments
    ]
    intro = (
        "Each promise the landlord made, and where it stands: a contractor's 'done' is a claim "
        "until checked."
    )
    body = [table(header, rows, [26, 74, 22, 20, 32])] if rows else [para("None.", "body")]
    return _section("Commitments", intro, body)


def _vulnerabilities(c: PackContents) -> list[Any]:
    header = ["Person", "Category", "Disclosed", "Recorded", "Ended"]
    widths: list[float] = [34, 30, 22, 28, 22]
    if c.detail_shown:
        header.append("Detail")
        widths = [26, 22, 19, 22, 17, 68]
    rows = []
    for r in c.vulnerabilities:
        row = [r.person, r.category, r.disclosed, r.recorded, r.ended]
        if c.detail_shown:
            row.append(r.detail or "")
        rows.append(row)
    intro = (
        "The vulnerability register for the household, and each vulnerability disclosed on the "
        "record but never entered in it (special category data). "
        + (
            "The detail is shown: the person this pack was produced by may read it, and the "
            "read is logged."
            if c.detail_shown
            else "Detail was withheld: the person this pack was produced by may not read "
            "special category detail. The categories and dates are shown."
        )
    )
    body = [table(header, rows, widths)] if rows else [para("None on the register.", "body")]
    return _section("Vulnerabilities", intro, body)


def _findings(c: PackContents) -> list[Any]:
    header = ["Case", "Finding", "Arose", "Resolved", "Why", "Rule"]
    rows = []
    for r in c.findings:
        finding = f"<b>{esc(r.title or r.code)}</b><br/>{_code(r.code)}"
        if r.topic or r.severity:
            finding += f"<br/><i>{esc(', '.join(x for x in (r.topic, r.severity) if x))}</i>"
        why = esc(r.explanation) + (f"<br/><i>{esc(r.caveats)}</i>" if r.caveats else "")
        rows.append(
            [
                para(r.case, "small"),
                rich(finding),
                r.arose,
                r.resolved,
                rich(why),
                r.rule,
            ]
        )
    intro = (
        "What the record shows, read as the Housing Ombudsman reads a case (the lens): each "
        "finding with the date it arose, the rule, and whether it rests on an imprecise date, "
        "an assumed or disputed value or an absence of records. The lens never decides "
        "maladministration: that is the Ombudsman's judgement."
    )
    body = [table(header, rows, [26, 44, 19, 19, 43, 23])] if rows else [para("None.", "body")]
    if c.topics:
        body += [
            Spacer(1, 10),
            para("By topic", "key"),
            para(
                "The findings grouped as the Ombudsman groups them, with what its remedies "
                "guidance suggests for that pattern: a suggestion for the landlord to weigh, not "
                "a finding of maladministration.",
                "body",
            ),
            table(
                ["Topic", "Findings", "Cases", "From, to", "Longest", "Remedies guidance"],
                [
                    [t.topic, t.findings, para(t.cases, "small"), t.period, t.longest, t.guidance]
                    for t in c.topics
                ],
                [26, 20, 26, 24, 16, 62],
            ),
        ]
    return _section("Findings", intro, body)


def _compensation(c: PackContents) -> list[Any]:
    header = ["Case", "Offered", "Kind", "Amount", "Parts and bands", "Findings"]
    rows = [
        [
            para(r.case, "small"),
            r.offered,
            rich(f"{esc(r.kind)}<br/><i>{esc(r.method)}</i>"),
            rich(f"{esc(r.amount)}<br/><i>paid: {esc(r.paid)}</i>"),
            rich("<br/>".join("&bull; " + esc(p) for p in r.parts) or "None given"),
            rich("<br/><br/>".join(_finding_words(f) for f in r.failures) or "None"),
        ]
        for r in c.compensation
    ]
    intro = "Each offer of compensation, made of its parts with the landlord's band beside each."
    widths = [26, 19, 22, 18, 47, 42]
    body = [table(header, rows, widths)] if rows else [para("None offered.", "body")]
    return _section("Compensation", intro, body)


def _finding_words(finding: str) -> str:
    code, _, why = finding.partition(": ")
    return f"{_code(code)}<br/>{esc(why)}" if why else _code(code)


def _code(code: str) -> str:
    """A finding's stable code, small enough to sit on one line of its column."""
    return f'<font size="7">{esc(code)}</font>'


def _documents(c: PackContents) -> list[Any]:
    header = ["Reference", "Title", "Type", "Dated", "SHA-256 (file in the pack)"]
    rows = [
        [
            r.reference,
            r.title,
            r.doc_type,
            r.dated,
            rich(
                (esc(r.sha256) + "<br/>" + esc(r.file))
                if r.file
                else "<i>Named on the record; no file held</i>"
            ),
        ]
        for r in c.documents
    ]
    intro = (
        "Every document on the record. Files held are in the pack's documents/ folder; each "
        "one's SHA-256 is the checksum taken when it was added."
    )
    body = [table(header, rows, [26, 48, 20, 19, 61])] if rows else [para("None.", "body")]
    return _section("Documents", intro, body)


def _footer(reference: str, as_of: str) -> Any:
    class Numbered(Canvas):
        """Holds each page until the last, so every footer can say 'page N of M'."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColor(INK)
                self.drawString(
                    MARGIN, 10 * mm, _plain(f"Evidence pack {reference}, as of {as_of}")
                )
                self.drawRightString(
                    PAGE_WIDTH - MARGIN, 10 * mm, f"Page {self._pageNumber} of {total}"
                )
                super().showPage()
            super().save()

    return Numbered


def render(c: PackContents) -> bytes:
    """The PDF of the pack's contents. Same contents, same bytes."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=_plain(f"Evidence pack {c.reference} as of {c.as_of.isoformat()}"),
        author=_plain(c.landlord),
        subject=_plain(f"Produced for {c.produced_for}"),
        creator="Doorstep",
        producer="Doorstep",
        lang="en-GB",
        invariant=1,
    )
    story: list[Any] = [KeepTogether(_title_page(c))]
    for part in (
        _chronology,
        _clocks,
        _commitments,
        _vulnerabilities,
        _findings,
        _compensation,
        _documents,
    ):
        story += part(c)
    doc.build(story, canvasmaker=_footer(c.reference, show(c.as_of)))
    return out.getvalue()
