"""Regenerate the binary fixture documents in ``tests/data/documents`` and ``tests/data/bad``.

Run from the project root::

    .venv/bin/python tests/data/make_documents.py

The documents are fictional drafts written the way Norwegian municipalities write their employer
strategies; the municipality names are real, the text is invented. Output is deterministic: fixed
core-property dates, fixed zip timestamps, fixed PDF creation dates and file identifiers, and seeded
random bytes, so regenerating leaves git clean unless this script changed.

``tests/data/bad/tom-strategi.md`` is written by hand and not touched here. Files over the 50 MB limit
are never committed; the tests create one in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
BAD = HERE / "bad"

FIXED_TIME = dt.datetime(2025, 2, 20, 9, 30, 0, tzinfo=dt.UTC)
ZIP_TIME = (2025, 2, 20, 9, 30, 0)
CFB_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")


# --------------------------------------------------------------------------------------------------
# Word helpers


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps (python-docx stamps every member with the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def _save_docx(document: DocumentObject, path: Path) -> None:
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_deterministic_zip(buffer.getvalue()))


def _core_properties(document: DocumentObject, title: str, author: str) -> None:
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 3


def _add_footnote_styles(document: DocumentObject) -> None:
    """Word's own «footnote text» and «footnote reference» styles (the default template lacks them)."""
    text = document.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    text.base_style = document.styles["Normal"]
    text.font.size = Pt(9)
    text.style_id = "FootnoteText"
    reference = document.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER, builtin=True)
    reference.font.superscript = True
    reference.style_id = "FootnoteReference"


def _add_footnotes_part(document: DocumentObject, notes: dict[int, str]) -> None:
    """Write ``word/footnotes.xml`` as Word does: separator notes −1 and 0, then the notes by id."""
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
        ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
        ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
    )
    body = "".join(
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for note_id, text in sorted(notes.items())
    )
    xml = f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:footnotes {nsdecls('w')}>"
    xml += separators + body + "</w:footnotes>"
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    # Word lists the separator notes in the settings; readers must not show them. The schema wants
    # w:footnotePr right before w:endnotePr / w:compat, and Word refuses files with elements out of order.
    settings = document.settings.element
    footnote_pr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    successor = settings.find(qn("w:endnotePr"))
    successor = successor if successor is not None else settings.find(qn("w:compat"))
    if successor is not None:
        successor.addprevious(footnote_pr)
    else:
        settings.append(footnote_pr)


def _footnote_reference(paragraph: Paragraph, note_id: int) -> None:
    run = paragraph.add_run()
    run.style = "footnote reference"
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(note_id))
    run._r.append(reference)


def _bold_paragraph(document: DocumentObject, text: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def _tiltak_table(document: DocumentObject, rows: list[tuple[str, str, str]]) -> None:
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(header, ("Tiltak", "Ansvar", "Frist"), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


# --------------------------------------------------------------------------------------------------
# Lillestrøm: a complete bokmål draft with Word's built-in styles


def lillestrom_docx(path: Path) -> None:
    document = Document()
    _core_properties(document, "Arbeidsgiverstrategi 2025–2028", "HR-avdelingen, Lillestrøm kommune")
    _add_footnote_styles(document)

    document.add_paragraph("Arbeidsgiverstrategi 2025–2028 – Lillestrøm kommune", style="Title")
    document.add_paragraph("Vedtatt av kommunestyret 12.03.2025, sak 25/31")
    document.add_paragraph()  # an empty paragraph, as drafts always have

    # A heading in disguise: a short, all-bold Normal paragraph.
    _bold_paragraph(document, "Kommunedirektørens forord")
    document.add_paragraph(
        "Lillestrøm kommune er en av landets største kommuner og har om lag 8 600 ansatte. "
        "Vi skal levere gode tjenester til en voksende befolkning, og det krever at vi klarer å "
        "rekruttere, utvikle og beholde dyktige medarbeidere. Strategien er utarbeidet i samarbeid "
        "med de tillitsvalgte og hovedverneombudet, i tråd med Hovedavtalen § 3-1 om medvirkning "
        "og samarbeid."
    )
    lead = document.add_paragraph()
    lead.add_run("Merk:").bold = True
    lead.add_run(" Strategien gjelder for alle ansatte, også i kommunale foretak.")

    document.add_paragraph("Visjon", style="Heading 1")
    document.add_paragraph("Sammen skaper vi Lillestrøm – nær, nyskapende og raus")

    document.add_paragraph("Verdier", style="Heading 1")
    document.add_paragraph("Verdiene våre skal prege hvordan vi møter innbyggerne og hverandre:")
    for value, meaning in (
        ("Åpen", "Vi deler kunnskap og sier fra når noe ikke er som det skal være"),
        ("Modig", "Vi prøver nye løsninger og lærer av det som ikke lykkes"),
        ("Raus", "Vi ser hverandre og gir hverandre tillit"),
    ):
        document.add_paragraph(value, style="List Bullet")
        document.add_paragraph(meaning, style="List Bullet 2")

    # Satsingsområde 1
    document.add_paragraph("Satsingsområde 1: Heltidskultur", style="Heading 1")
    document.add_paragraph(
        "Hele, faste stillinger gir bedre kvalitet i tjenestene og tryggere arbeidsplasser. "
        "Hovedregelen om fast ansettelse i arbeidsmiljøloven § 14-9 ligger til grunn for arbeidet, "
        "og midlertidige stillinger skal begrenses til det loven tillater."
    )
    document.add_paragraph("Mål", style="Heading 2")
    document.add_paragraph(
        "Andelen ansatte i hele stillinger skal øke til minst 60 prosent innen 2028", style="List Bullet"
    )
    document.add_paragraph(
        "Alle ledige stillinger lyses som hovedregel ut som hele stillinger", style="List Bullet"
    )
    document.add_paragraph("Tiltak", style="Heading 2")
    _tiltak_table(
        document,
        [
            ("Kartlegge ønsket stillingsstørrelse hos alle deltidsansatte", "HR-leder", "31.12.2025"),
            ("Innføre felles turnusordninger på tvers av enheter", "Enhetsledere", "2026"),
            ("Drøfte status for heltidsarbeidet med de tillitsvalgte hvert år", "Kommunedirektør", "Løpende"),
        ],
    )

    # Satsingsområde 2
    document.add_paragraph("Satsingsområde 2: Nærvær og arbeidsmiljø", style="Heading 1")
    document.add_paragraph(
        "Et godt arbeidsmiljø er et felles ansvar for ledere, ansatte, verneombud og tillitsvalgte. "
        "Vi jobber forebyggende og følger opp sykefravær tett og respektfullt."
    )
    document.add_paragraph("Mål", style="Heading 2")
    goal = document.add_paragraph("Nærværet i Lillestrøm kommune skal øke", style="List Bullet")
    # Word gives notes ids in the order they were written, not the order they appear: this note was
    # added in a later round, so its id is 2 although it is the first note in the text (shown as «1»).
    _footnote_reference(goal, 2)
    goal = document.add_paragraph("Alle ansatte skal vite hva som forventes av dem", style="List Bullet")
    _footnote_reference(goal, 1)
    document.add_paragraph("Tiltak", style="Heading 2")
    _tiltak_table(
        document,
        [
            ("Følge opp sykmeldte etter kommunens faste rutine", "Enhetsledere", "Løpende"),
            ("Gjennomføre medarbeiderundersøkelsen 10-faktor", "HR-leder", "2026"),
            ("Utarbeide felles retningslinjer for tilrettelegging", "HR-leder", "31.12.2025"),
            ("Rapportere nærvær til administrasjonsutvalget hvert kvartal", "Kommunedirektør", "Løpende"),
        ],
    )

    # Satsingsområde 3
    document.add_paragraph("Satsingsområde 3: Ledelse og kompetanse", style="Heading 1")
    document.add_paragraph("Mål", style="Heading 2")
    document.add_paragraph(
        "Alle nye ledere skal gjennomføre lederprogrammet i løpet av det første året", style="List Bullet"
    )
    document.add_paragraph("Alle enheter skal ha en oppdatert kompetanseplan", style="List Bullet")
    document.add_paragraph("Lillestrøm skal være en attraktiv lærlingbedrift", style="List Bullet")
    document.add_paragraph("Tiltak", style="Heading 2")
    _tiltak_table(
        document,
        [
            ("Etablere et felles lederprogram med HMS-opplæring", "Kommunedirektør", "2026"),
            ("Lage kompetanseplaner i alle enheter", "Enhetsledere", "31.12.2025"),
        ],
    )

    document.add_paragraph("Oppfølging og revisjon", style="Heading 1")
    document.add_paragraph(
        "Kommunedirektøren har ansvaret for å følge opp strategien og rapporterer årlig til "
        "kommunestyret gjennom årsmeldingen. Administrasjonsutvalget følger arbeidet underveis. "
        "Strategien revideres hvert fjerde år, neste gang i 2028."
    )
    document.add_paragraph("Årlig statusrapport til administrasjonsutvalget", style="List Number")
    document.add_paragraph("Resultater fra 10-faktor og nærværsstatistikk", style="List Bullet 2")
    document.add_paragraph("Evaluering av strategien i 2027", style="List Number")

    _add_footnotes_part(
        document,
        {
            1: "Måles ved 10-faktor, faktor 6 Rolleklarhet.",
            2: "Måles ved nærværsprosent, mål 92 prosent.",
        },
    )
    _save_docx(document, path)


# --------------------------------------------------------------------------------------------------
# Voss: an incomplete nynorsk draft, styled the way a Norwegian Word installation styles it


def _norwegian_styles(document: DocumentObject) -> dict[str, BaseStyle]:
    """Norwegian Word keeps the built-in style names but gives them Norwegian ids («Overskrift1»);
    older documents also carry Norwegian display names («Overskrift 2»). Returns the styles by role."""
    styles = document.styles
    found = {
        "title": styles["Title"],
        "h1": styles["Heading 1"],
        "h2": styles["Heading 2"],
        "list": styles["List Paragraph"],
    }
    found["title"].style_id = "Tittel"
    found["h1"].style_id = "Overskrift1"
    found["h2"].style_id = "Overskrift2"
    found["h2"].element.name_val = "Overskrift 2"
    # ... and some carry no outline level in such a style, so only the name says it is a heading
    for outline_level in found["h2"].element.findall(f"{qn('w:pPr')}/{qn('w:outlineLvl')}"):
        outline_level.getparent().remove(outline_level)
    found["list"].style_id = "Listeavsnitt"
    return found


def _bullet_numbering(document: DocumentObject) -> int:
    """Add a multi-level bullet list definition (what Word writes for the bullet button); return its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="20">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        + "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            f'<w:lvlText w:val="{symbol}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for level, symbol in ((0, "•"), (1, "o"))
        )
        + "</w:abstractNum>"
    )
    # abstractNum elements must come before the num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="20"><w:abstractNumId w:val="20"/></w:num>'))
    return 20


def _numbered(paragraph: Paragraph, num_id: int, level: int = 0) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def voss_docx(path: Path) -> None:
    document = Document()
    _core_properties(document, "Arbeidsgjevarstrategi – utkast", "Personalavdelinga, Voss herad")
    style = _norwegian_styles(document)
    bullets = _bullet_numbering(document)
    # A municipal template style for the priority areas: not a «Heading», only an outline level.
    area_style = document.styles.add_style("Innsatsområde", WD_STYLE_TYPE.PARAGRAPH)
    area_style.base_style = document.styles["Normal"]
    area_style.font.size = Pt(14)
    area_style.font.bold = True
    area_style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))

    document.add_paragraph("Arbeidsgjevarstrategi for Voss herad", style=style["title"])
    document.add_paragraph("Utkast til drøfting med tillitsvalde – versjon 0.3")
    document.add_paragraph("Vedteke i heradsstyret xx.xx.2025")

    document.add_paragraph("Innleiing", style=style["h1"])
    document.add_paragraph(
        "Voss herad er den største arbeidsgjevaren i regionen, med tilsette i alt frå barnehage og "
        "skule til helse, omsorg og teknisk drift. Strategien skal gje leiarar og medarbeidarar ei "
        "felles retning for korleis vi rekrutterer, utviklar og held på dei tilsette."
    )

    document.add_paragraph("Innsatsområde 1: Nærvær og arbeidsmiljø", style="Innsatsområde")
    document.add_paragraph("Hovudmål", style=style["h2"])
    document.add_paragraph("Sjukefråværet i Voss herad skal ned")
    document.add_paragraph(
        "Eit godt arbeidsmiljø er grunnlaget for høgt nærvær. Arbeidet skal byggje på "
        "arbeidsmiljølova § 99-1 og på samarbeidet med verneomboda og bedriftshelsetenesta."
    )

    document.add_paragraph("Innsatsområde 2: Rekruttering og kompetanse", style="Innsatsområde")
    document.add_paragraph("Hovudmål", style=style["h2"])
    document.add_paragraph("Voss herad skal vere ein attraktiv arbeidsgjevar for fagfolk i heile regionen")
    document.add_paragraph("Tiltak", style=style["h2"])
    for text in (
        "Lage ein plan for kompetanseutvikling i kvar eining",
        "Vidareutvikle lærlingordninga og sommarjobbar for studentar",
    ):
        _numbered(document.add_paragraph(text, style=style["list"]), bullets)

    _bold_paragraph(document, "Vidare arbeid")
    document.add_paragraph(
        "Utkastet skal drøftast med dei tillitsvalde og hovudverneombodet før det går til politisk "
        "handsaming i administrasjonsutvalet og heradsstyret."
    )
    _save_docx(document, path)


# --------------------------------------------------------------------------------------------------
# Nordre Follo: a three-page bokmål PDF with running header and footer and hyphenated line breaks

PDF_HEADER = "Arbeidsgiverstrategi 2024–2027 | Nordre Follo kommune"

# (kind, text). «-\n» is a hyphenated line break as a word processor would set it; «page» starts a page;
# «^1» at the end of a bullet is a raised footnote mark; «footnote» is set small at the foot of the page.
NORDRE_FOLLO: list[tuple[str, str]] = [
    ("title", "Arbeidsgiverstrategi 2024–2027"),
    ("subtitle", "Nordre Follo kommune"),
    ("p", "Vedtatt av kommunestyret 14.12.2023, sak 112/23"),
    ("h1", "1. Innledning"),
    (
        "p",
        "Nordre Follo kommune har rundt 4 800 ansatte fordelt på mer enn 300 arbeidssteder. Konkurransen "
        "om arbeidskraft øker, og vi må bli enda bedre til å rekruttere, utvik-\nle og beholde "
        "medarbeidere med riktig kompetanse. Arbeidsgiverstrategien viser retningen for dette arbeidet "
        "i perioden 2024–2027.",
    ),
    (
        "p",
        "Strategien bygger på Hovedavtalen, IA-avtalen og kommunens verdier. Den er utarbeidet i et "
        "partssammensatt utvalg med tillitsvalgte, hovedverneombud og ledere fra alle tjeneste-\nområder.",
    ),
    ("h1", "2. Visjon og verdier"),
    ("p", "Vår visjon er «Sammen for fremtidens velferd». Verdiene våre er:"),
    ("bullet", "Åpen – vi deler informasjon og inviterer til dialog"),
    ("bullet", "Modig – vi tør å tenke nytt og prøve ut nye løsninger"),
    ("bullet", "Nær – vi er tilgjengelige for innbyggerne og for hverandre"),
    (
        "p",
        "Verdiene skal være synlige i hverdagen, i medarbeidersamtaler, ved ansettelser og i møter "
        "mellom ledere og tillitsvalgte. Lederne har et særlig ansvar for å gå foran og skape en "
        "kultur der medarbeiderne trives og utvik-\nler seg.",
    ),
    ("page", ""),
    ("h1", "3. Satsingsområder"),
    ("h2", "3.1 Rekruttering og kompetanse"),
    (
        "p",
        "Behovet for helse-\nfagarbeidere, sykepleiere og lærere vil øke i hele strategiperioden. Vi må "
        "derfor utdanne flere selv og bruke kompetansen vi har på en bedre måte.",
    ),
    ("label", "Mål:"),
    ("bullet", "Kommunen skal ha nok kvalifiserte medarbeidere i alle tjenester"),
    ("bullet", "Minst 75 prosent av de ansatte i helse og omsorg skal ha fagutdanning innen 2027"),
    ("p", "Måles ved andel ansatte med fagutdanning i KOSTRA-rapporteringen"),
    ("label", "Tiltak:"),
    ("bullet", "Etablere en felles rekrutteringstjeneste for alle tjenesteområder"),
    ("bullet", "Tilby lærlingplass i alle tjenesteområder som har lærefag"),
    (
        "bullet",
        "Gi medarbeidere som trenger det opplæring i norsk og i grunnleggende lese-\nog skriveferdigheter",
    ),
    ("h2", "3.2 Nærvær og arbeidsmiljø"),
    (
        "p",
        "Sykefraværet i kommunen har over flere år ligget høyere enn landsgjennomsnittet. Et systematisk "
        "HMS-\narbeid og tett oppfølging av den enkelte er avgjørende for å snu utviklingen.",
    ),
    ("label", "Mål:"),
    ("bullet", "Sykefraværet skal reduseres til under 7,5 prosent innen utgangen av 2027"),
    ("bullet", "Alle enheter skal ha et godt og inkluderende arbeidsmiljø"),
    (
        "p",
        "Måles ved sykefraværsstatistikken og medarbeiderundersøkelsen 10-faktor, "
        "faktor 5 Mestringsorientert ledelse",
    ),
    ("label", "Tiltak:"),
    ("bullet", "Gjennomføre vernerunder og risikovurderinger i alle enheter i samarbeid med verneombudene"),
    ("bullet", "Følge opp sykmeldte tett og i tråd med IA-avtalen"),
    ("bullet", "Tilrettelegge for at seniorer kan stå lenger i arbeid"),
    ("page", ""),
    ("h2", "3.3 Ledelse og medbestemmelse"),
    (
        "p",
        "Gode ledere er den viktigste enkeltfaktoren for et godt arbeidsmiljø. Lederne skal ha tydelige "
        "rammer, god støtte og tid til å lede.",
    ),
    ("label", "Mål:"),
    ("bullet", "Alle ledere skal kjenne sin rolle og sitt ansvar som arbeidsgiver"),
    ("bullet", "Tillitsvalgte skal involveres tidlig i alle omstillingsprosesser^1"),
    ("p", "Måles ved medarbeiderundersøkelsen 10-faktor, faktor 6 Rolleklarhet"),
    ("label", "Tiltak:"),
    ("bullet", "Lederutviklingsprogram for alle nye ledere det første året"),
    ("bullet", "Opplæring i personalsaker og taushetsplikt etter forvaltningsloven § 13"),
    ("bullet", "Faste drøftingsmøter mellom kommunedirektøren og hovedtillitsvalgte"),
    ("h1", "4. Oppfølging og revisjon"),
    (
        "p",
        "Kommunedirektøren har ansvaret for at strategien blir fulgt opp, og rapporterer årlig til "
        "administrasjonsutvalget. Strategien revideres innen utgangen av 2027, etter en bred evalu-\n"
        "ering med ledere, tillitsvalgte og verneombud.",
    ),
    ("footnote", "1 Måles ved andelen omstillingsprosesser der de tillitsvalgte er med fra start."),
]


class _StrategyPdf(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, PDF_HEADER, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 8, f"Side {self.page_no()} av {{nb}}", align="C")


def nordre_follo_pdf(path: Path) -> None:
    pdf = _StrategyPdf(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # the WinAnsi encoding of the core fonts has «–» and «•»
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title("Arbeidsgiverstrategi 2024–2027")
    pdf.set_author("Nordre Follo kommune")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for kind, text in NORDRE_FOLLO:
        if kind == "page":
            pdf.add_page()
        elif kind == "title":
            pdf.set_font("Helvetica", "B", 20)
            pdf.multi_cell(width, 10, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "subtitle":
            pdf.set_font("Helvetica", "", 14)
            pdf.multi_cell(width, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif kind == "h1":
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(width, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        elif kind == "h2":
            pdf.ln(3)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(width, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "label":
            pdf.ln(1)
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(width, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif kind == "bullet":
            text, _, mark = text.partition("^")
            pdf.set_font("Helvetica", "", 11)
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(5, 6, "•")
            x, y = pdf.get_x(), pdf.get_y()
            pdf.multi_cell(width - 9, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if mark:  # a one-line item: the mark goes right after its last word, raised
                end = x + pdf.get_string_width(text) + 0.3
                pdf.set_font("Helvetica", "", 7)
                pdf.text(end, y + 2.6, mark)
        elif kind == "footnote":
            pdf.set_y(pdf.h - 34)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 50, pdf.get_y())
            pdf.ln(2)
            pdf.set_font("Helvetica", "", 8)
            pdf.multi_cell(width, 4, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            pdf.ln(1)
            pdf.set_font("Helvetica", "", 11)
            # Prose is justified, as in most published strategies: the word gaps vary from line to line.
            pdf.multi_cell(width, 6, text, align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
    path.write_bytes(bytes(pdf.output()))


# --------------------------------------------------------------------------------------------------
# Bad input


class _FixedIdWriter(PdfWriter):
    """pypdf draws the file identifier (which also keys RC4 encryption) at random; fix it."""

    def generate_file_identifiers(self) -> None:
        fixed = ByteStringObject(bytes(range(16)))
        self._ID = ArrayObject((fixed, fixed))


def _small_pdf(text: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def kryptert_pdf(path: Path) -> None:
    text = "Arbeidsgiverstrategi for Eksempel kommune. Konfidensielt utkast."
    reader = PdfReader(io.BytesIO(_small_pdf(text)))
    writer = _FixedIdWriter()
    writer.append(reader)
    writer.add_metadata({"/Producer": "strategigraf test fixtures"})
    # RC4 needs no extra package; AES would need «cryptography», which the project does not install.
    writer.encrypt(user_password="hemmelig", owner_password="eier", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())


def skanna_pdf(path: Path) -> None:
    """Two pages that are only pictures of text, as a scanner makes them."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    rng = random.Random(4)
    for page in range(2):
        image = Image.new("L", (420, 594), 250)
        draw = ImageDraw.Draw(image)
        draw.rectangle((40, 40, 260, 58), fill=40)  # a heading
        y = 90
        while y < 540:
            draw.rectangle((40, y, 40 + rng.randint(220, 340), y + 6), fill=rng.randint(60, 110))
            y += rng.choice((14, 14, 14, 28))
        draw.text((200, 565), str(page + 1), fill=80)  # a page number, as pixels
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    path.write_bytes(bytes(pdf.output()))


def bad_files(lillestrom: Path, nordre_follo: Path) -> None:
    (BAD / "ikkje-zip.docx").write_bytes(
        b"Dette er ikkje eit Word-dokument, berre tekst med feil filending.\n"
    )
    data = lillestrom.read_bytes()
    (BAD / "skada.docx").write_bytes(data[: len(data) * 3 // 5])  # cut off mid-download

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in (
            ("README.txt", "Eksport frå sakshandsamingssystemet.\n"),
            ("vedlegg/tal.csv", "eining;tilsette\nHelse;412\nSkule;388\n"),
        ):
            member = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, content)
    (BAD / "ikkje-word.docx").write_bytes(out.getvalue())

    # A password-protected .docx is an OLE compound file, not a zip; the rest is filler.
    rng = random.Random(1)
    (BAD / "passord.docx").write_bytes(CFB_MAGIC + bytes(rng.randrange(256) for _ in range(4088)))
    (BAD / "tom.txt").write_bytes(b"")
    rng = random.Random(2)
    noise = bytearray(rng.randrange(256) for _ in range(2048))
    noise[10:14] = b"\x00\x00\x00\x00"
    (BAD / "binaer.txt").write_bytes(bytes(noise))
    kryptert_pdf(BAD / "kryptert.pdf")
    skanna_pdf(BAD / "skanna.pdf")
    (BAD / "avkorta.pdf").write_bytes(nordre_follo.read_bytes()[:3000])  # a PDF cut off mid-download


def main() -> None:
    DOCUMENTS.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    lillestrom = DOCUMENTS / "lillestrom-arbeidsgiverstrategi-utkast.docx"
    lillestrom_docx(lillestrom)
    voss_docx(DOCUMENTS / "voss-arbeidsgjevarstrategi-utkast.docx")
    nordre_follo = DOCUMENTS / "nordre-follo-arbeidsgiverstrategi.pdf"
    nordre_follo_pdf(nordre_follo)
    bad_files(lillestrom, nordre_follo)


if __name__ == "__main__":
    main()
