"""The completeness report in five formats: text for the terminal, JSON, a printable HTML page, and the
``sh:ValidationReport`` itself in Turtle or JSON-LD.

Everything here is presentation of a :class:`graph.validate.Validation`, which is itself read from the
``sh:ValidationReport``; the Turtle and JSON-LD formats *are* that report (SHACL §3.6). Every fixed string
exists in bokmål (nb), nynorsk (nn) and English (en); the shapes' messages come from the shapes. The same
validation always renders to the same bytes: findings are sorted, and no output carries a time stamp.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import version
from io import StringIO
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph.validate import SEVERITIES, Finding, SectionResult, Validation, checks

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

LANGS = ("nb", "nn", "en")
FORMATS = ("text", "json", "html", "turtle", "json-ld")
TEXT_LIMIT = 90  # characters of an element's text quoted in a finding

# Severity colours: rich styles for the terminal; the HTML page has its own (WCAG AA on white).
STYLE = {"violation": "bold red", "warning": "yellow", "info": "cyan"}

STRINGS: dict[str, dict[str, str]] = {
    "report": {"nb": "Fullstendighetsrapport", "nn": "Fullstendigheitsrapport", "en": "Completeness report"},
    "file": {"nb": "Fil", "nn": "Fil", "en": "File"},
    "language": {"nb": "Språk i dokumentet", "nn": "Språk i dokumentet", "en": "Document language"},
    "strategy_iri": {"nb": "Strategi", "nn": "Strategi", "en": "Strategy"},
    "score": {"nb": "Poeng", "nn": "Poeng", "en": "Score"},
    "overall": {"nb": "Samlet", "nn": "Samla", "en": "Overall"},
    "of_100": {"nb": "av 100", "nn": "av 100", "en": "out of 100"},
    "section": {"nb": "Del", "nn": "Del", "en": "Section"},
    "checks": {"nb": "Kontroller", "nn": "Kontrollar", "en": "Checks"},
    "severity": {"nb": "Alvorlighet", "nn": "Alvorsgrad", "en": "Severity"},
    "element": {"nb": "Element", "nn": "Element", "en": "Element"},
    "where": {"nb": "Hvor", "nn": "Kvar", "en": "Where"},
    "finding": {"nb": "Funn", "nn": "Funn", "en": "Finding"},
    "check": {"nb": "Kontroll", "nn": "Kontroll", "en": "Check"},
    "why": {"nb": "Hvorfor", "nn": "Kvifor", "en": "Why"},
    "summary": {"nb": "Oversikt", "nn": "Oversikt", "en": "Summary"},
    "no_findings": {"nb": "Ingen funn.", "nn": "Ingen funn.", "en": "No findings."},
    "not_applicable": {"nb": "–", "nn": "–", "en": "–"},
    # Why a section has no score: none of its checks applies, because the document has none of its elements.
    "none_strategy": {
        "nb": "ingen kontroller gjelder: fant ingen strategi i dokumentet",
        "nn": "ingen kontrollar gjeld: fann ingen strategi i dokumentet",
        "en": "no check applies: no strategy was found in the document",
    },
    "none_areas": {
        "nb": "ingen kontroller gjelder: dokumentet har ingen satsingsområder",
        "nn": "ingen kontrollar gjeld: dokumentet har ingen satsingsområde",
        "en": "no check applies: the document has no priority areas",
    },
    "none_goals": {
        "nb": "ingen kontroller gjelder: dokumentet har ingen mål under satsingsområdene",
        "nn": "ingen kontrollar gjeld: dokumentet har ingen mål under satsingsområda",
        "en": "no check applies: the document has no goals under its priority areas",
    },
    "none_measures": {
        "nb": "ingen kontroller gjelder: dokumentet har ingen tiltak",
        "nn": "ingen kontrollar gjeld: dokumentet har ingen tiltak",
        "en": "no check applies: the document has no measures",
    },
    "none_indicators": {
        "nb": "ingen kontroller gjelder: dokumentet har ingen målindikatorer",
        "nn": "ingen kontrollar gjeld: dokumentet har ingen målindikatorar",
        "en": "no check applies: the document has no indicators",
    },
    "none_roles": {
        "nb": "ingen kontroller gjelder: dokumentet gir ingen rolle et ansvar",
        "nn": "ingen kontrollar gjeld: dokumentet gjev inga rolle eit ansvar",
        "en": "no check applies: the document gives no role a duty",
    },
    "none_citations": {
        "nb": "ingen kontroller gjelder: dokumentet viser ikke til noen lov eller avtale",
        "nn": "ingen kontrollar gjeld: dokumentet viser ikkje til noka lov eller nokon avtale",
        "en": "no check applies: the document cites no act or agreement",
    },
    "line": {"nb": "linje", "nn": "linje", "en": "line"},
    "paragraph": {"nb": "avsnitt", "nn": "avsnitt", "en": "paragraph"},
    "violation": {"nb": "brudd", "nn": "brot", "en": "violation"},
    "violations": {"nb": "brudd", "nn": "brot", "en": "violations"},
    "warning": {"nb": "advarsel", "nn": "åtvaring", "en": "warning"},
    "warnings": {"nb": "advarsler", "nn": "åtvaringar", "en": "warnings"},
    "info": {"nb": "råd", "nn": "råd", "en": "advice"},
    "infos": {"nb": "råd", "nn": "råd", "en": "advice"},
    "about": {"nb": "Om kontrollene", "nn": "Om kontrollane", "en": "About the checks"},
    "severity_help": {
        "nb": "Brudd: det strategien må ha. Advarsel: det den bør ha. Råd: forslag som ikke trekker ned poengene.",
        "nn": "Brot: det strategien må ha. Åtvaring: det han bør ha. Råd: forslag som ikkje trekkjer ned poenga.",
        "en": "Violation: what the strategy must have. Warning: what it should have. "
        "Advice: suggestions that never lower the score.",
    },
    "formula": {
        "nb": "Hver kontroll gjelder elementene den er laget for (strategien, hvert mål, hvert "
        "tiltak …). Andelen av dem uten funn er kontrollens resultat. Poengene for en del er "
        "gjennomsnittet av resultatene til kontrollene i delen, vektet etter alvorlighet (brudd 3, "
        "advarsel 1, råd 0), ganger 100. Samlet poengsum er det samme gjennomsnittet over alle "
        "kontrollene. En del der ingen vektet kontroll gjelder, får ingen poeng («–»).",
        "nn": "Kvar kontroll gjeld elementa han er laga for (strategien, kvart mål, kvart tiltak …). "
        "Delen av dei utan funn er resultatet til kontrollen. Poenga for ein del er gjennomsnittet av "
        "resultata til kontrollane i delen, vekta etter alvorsgrad (brot 3, åtvaring 1, råd 0), gonger "
        "100. Samla poengsum er det same gjennomsnittet over alle kontrollane. Ein del der ingen vekta "
        "kontroll gjeld, får ingen poeng («–»).",
        "en": "Each check applies to the elements it is made for (the strategy, every goal, every "
        "measure …). The share of them with no finding is the check's result. A section's score is "
        "the mean of the results of its checks, weighted by severity (violation 3, warning 1, "
        "advice 0), times 100. The overall score is the same mean over every check. A section where "
        "no weighted check applies has no score («–»).",
    },
    "verdict_ok": {
        "nb": "Ingen brudd: utkastet har det en arbeidsgiverstrategi må ha.",
        "nn": "Ingen brot: utkastet har det ein arbeidsgjevarstrategi må ha.",
        "en": "No violations: the draft has what an employer strategy must have.",
    },
    "verdict_bad_one": {
        "nb": "1 brudd: rett det før utkastet går til politisk behandling.",
        "nn": "1 brot: rett det før utkastet går til politisk handsaming.",
        "en": "1 violation: correct it before the draft goes to the politicians.",
    },
    "verdict_bad": {
        "nb": "{n} brudd: rett dem før utkastet går til politisk behandling.",
        "nn": "{n} brot: rett dei før utkastet går til politisk handsaming.",
        "en": "{n} violations: correct them before the draft goes to the politicians.",
    },
    "generated": {
        "nb": "Laget av strategigraf {version} fra SHACL-formene i shapes/.",
        "nn": "Laga av strategigraf {version} frå SHACL-formene i shapes/.",
        "en": "Made by strategigraf {version} from the SHACL shapes in shapes/.",
    },
    "skip": {"nb": "Hopp til funnene", "nn": "Hopp til funna", "en": "Skip to the findings"},
    "not_found": {
        "nb": "Fant ikke i dokumentet: {parts}.",
        "nn": "Fann ikkje i dokumentet: {parts}.",
        "en": "Not found in the document: {parts}.",
    },
}
# The parts of a strategy the reader reports as missing (``loaders.model.MissingPart``).
PARTS: dict[str, dict[str, str]] = {
    "adoption": {"nb": "vedtaksdato", "nn": "vedtaksdato", "en": "adoption date"},
    "validity": {"nb": "gyldighetsperiode", "nn": "gyldigheitsperiode", "en": "period of validity"},
    "vision": {"nb": "visjon", "nn": "visjon", "en": "vision"},
    "values": {"nb": "verdier", "nn": "verdiar", "en": "values"},
    "goals": {"nb": "mål", "nn": "mål", "en": "goals"},
    "measures": {"nb": "tiltak", "nn": "tiltak", "en": "measures"},
    "expectations": {"nb": "forventninger til ledere og medarbeidere", "nn": "forventningar til leiarar og "
                     "medarbeidarar", "en": "expectations of managers and employees"},
    "follow_up": {"nb": "hvem som følger opp strategien", "nn": "kven som følgjer opp strategien",
                  "en": "who follows the strategy up"},
    "revision": {"nb": "når strategien revideres", "nn": "når strategien vert revidert",
                 "en": "when the strategy is revised"},
}


def not_found(validation: Validation, lang: str) -> str | None:
    """One sentence naming what the reader did not find in the document, or None."""
    if not validation.missing:
        return None
    return t("not_found", lang, parts=", ".join(PARTS[part][lang] for part in validation.missing))


def t(key: str, lang: str, **values: object) -> str:
    """A fixed string in ``lang``."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def not_applicable(section: str, lang: str) -> str:
    """Why a section has no score: the document has none of the elements its checks apply to."""
    return t(f"none_{section}", lang)


@cache  # reading the installed metadata takes 5–20 ms, every report asks, and it does not change
def _software() -> str:
    try:
        return version("strategigraf")
    except Exception:  # running from a checkout that was never installed
        return "dev"


# -- sentences ------------------------------------------------------------------------------------------


def quote(text: str, limit: int = TEXT_LIMIT) -> str:
    """The element's text on one line, shortened at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:–-")
    return cut + " …"


def where(finding: Finding, validation: Validation, lang: str) -> str:
    """«linje 12», «linje 12–14», or «avsnitt 8» in a Word file (its lines are paragraph numbers)."""
    if finding.lines is None:
        return ""
    unit = t("paragraph" if validation.source_format == "docx" else "line", lang)
    start, end = finding.lines
    return f"{unit} {start}" if start == end else f"{unit} {start}–{end}"


def message(finding: Finding, lang: str) -> str:
    for candidate in (lang, "nb", "en"):
        if candidate in finding.message:
            return finding.message[candidate]
    return ""


def sentence(finding: Finding, validation: Validation, lang: str) -> str:
    """«Mål «Sjukefråværet i Voss herad skal ned» (avsnitt 8) har ingen tiltak»."""
    kind = finding.kind.get(lang) or finding.kind.get("nb") or ""
    place = where(finding, validation, lang)
    subject = f"{kind} «{quote(finding.text)}»".strip()
    if place:
        subject += f" ({place})"
    return f"{subject} {message(finding, lang)}"


def _check_name(shape: str, lang: str) -> str:
    check = checks().get(shape)
    return (check.name.get(lang) or check.name.get("nb", "")) if check else shape


def _score_text(score: int | None, lang: str) -> str:
    return t("not_applicable", lang) if score is None else str(score)


def _counts_text(violations: int, warnings: int, infos: int, lang: str) -> str:
    return (
        f"{violations} {t('violation' if violations == 1 else 'violations', lang)} · "
        f"{warnings} {t('warning' if warnings == 1 else 'warnings', lang)} · "
        f"{infos} {t('info' if infos == 1 else 'infos', lang)}"
    )


def verdict(validation: Validation, lang: str) -> str:
    if validation.violations == 0:
        return t("verdict_ok", lang)
    if validation.violations == 1:
        return t("verdict_bad_one", lang)
    return t("verdict_bad", lang, n=validation.violations)


# -- text (rich) -------------------------------------------------------------------------------------------


def print_text(validation: Validation, lang: str, console: Console) -> None:
    """The report for a terminal: a summary table, then the findings by section, coloured by severity."""
    title = validation.title + (f" · {validation.municipality}" if validation.municipality else "")
    console.print(Text(t("report", lang), style="bold"))
    console.print(Text(title))
    if validation.source_file:
        where_from = f"{t('file', lang)}: {validation.source_file}"
        console.print(Text(f"{where_from} · {t('language', lang)}: {validation.language}"))
    console.print(
        Text.assemble(
            (f"{t('score', lang)}: {_score_text(validation.score, lang)} {t('of_100', lang)}", "bold"),
            " · ",
            _counts_text(validation.violations, validation.warnings, validation.infos, lang),
        )
    )
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(t("section", lang))
    table.add_column(t("score", lang), justify="right")
    for severity in SEVERITIES:
        table.add_column(t(severity + "s", lang).capitalize(), justify="right", style=STYLE[severity])
    for section in validation.sections:
        table.add_row(
            section.label.get(lang, section.section), _score_text(section.score, lang),
            str(section.violations), str(section.warnings), str(section.infos),
        )
    console.print()
    console.print(table)
    if (missing := not_found(validation, lang)) is not None:
        console.print()
        console.print(Text(missing))
    for section in validation.sections:
        findings = validation.findings_in(section.section)
        console.print()
        console.print(
            Text.assemble(
                (section.label.get(lang, section.section), "bold underline"),
                f"  {_score_text(section.score, lang)}/100" if section.score is not None else "",
            )
        )
        if not findings:
            empty = not_applicable(section.section, lang) if section.score is None else t("no_findings", lang)
            console.print(Text("  " + empty))
            continue
        for finding in findings:
            label = t(finding.severity, lang).upper()
            line = Text("  ")
            line.append(f"{label:<10}", style=STYLE[finding.severity])
            line.append(" " + sentence(finding, validation, lang))
            console.print(line)
    console.print()
    style = "bold green" if validation.violations == 0 else "bold red"
    console.print(Text(verdict(validation, lang), style=style))


def text(validation: Validation, lang: str, width: int = 120) -> str:
    """The terminal report as plain text (no colour), for files and tests."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False, highlight=False,
                      soft_wrap=True)
    print_text(validation, lang, console)
    return buffer.getvalue()


# -- JSON --------------------------------------------------------------------------------------------------


def _finding_json(finding: Finding, validation: Validation, lang: str) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "severityLabel": t(finding.severity, lang),
        "check": finding.shape,
        "checkName": _check_name(finding.shape, lang),
        "focus": finding.focus,
        "kind": finding.kind.get(lang, ""),
        "text": finding.text,
        "lines": list(finding.lines) if finding.lines else None,
        "where": where(finding, validation, lang),
        "message": message(finding, lang),
        "sentence": sentence(finding, validation, lang),
        "value": finding.value,
        "quotes": list(finding.quotes),  # the parts of the message that are the document's own words
    }


def _section_json(section: SectionResult, validation: Validation, lang: str) -> dict[str, Any]:
    return {
        "section": section.section,
        "label": section.label.get(lang, section.section),
        "score": section.score,
        "notApplicable": not_applicable(section.section, lang) if section.score is None else None,
        "checks": section.checks,
        "counts": {"violation": section.violations, "warning": section.warnings, "info": section.infos},
        "findings": [_finding_json(f, validation, lang) for f in validation.findings_in(section.section)],
    }


def _checks_used(validation: Validation) -> list[str]:
    """The checks with findings, in the order of the report."""
    used = {f.shape for f in validation.findings}
    order = {s.section: s.order for s in validation.sections}
    ordered = sorted(checks().values(), key=lambda c: (order.get(c.section, 99), c.order, c.iri))
    return [c.iri for c in ordered if c.iri in used]


def to_dict(validation: Validation, lang: str) -> dict[str, Any]:
    """The report as JSON-ready data, in ``lang``."""
    catalogue = checks()
    return {
        "report": t("report", lang),
        "lang": lang,
        "strategy": {
            "iri": validation.strategy,
            "title": validation.title,
            "municipality": validation.municipality,
            "language": validation.language,
            "source": {"file": validation.source_file, "format": validation.source_format},
        },
        "conforms": validation.conforms,
        "score": validation.score,
        "counts": {
            "violation": validation.violations,
            "warning": validation.warnings,
            "info": validation.infos,
        },
        "verdict": verdict(validation, lang),
        "missing": [{"part": part, "label": PARTS[part][lang]} for part in validation.missing],
        "notFound": not_found(validation, lang),
        "sections": [_section_json(s, validation, lang) for s in validation.sections],
        "checks": [
            {
                "check": iri,
                "severity": catalogue[iri].severity,
                "name": catalogue[iri].name.get(lang, ""),
                "description": catalogue[iri].description.get(lang, ""),
                "rationale": catalogue[iri].rationale.get(lang, ""),
            }
            for iri in _checks_used(validation)
        ],
        "formula": t("formula", lang),
        "software": f"strategigraf {_software()}",
    }


def to_json(validation: Validation, lang: str) -> str:
    return json.dumps(to_dict(validation, lang), ensure_ascii=False, indent=2) + "\n"


# -- HTML --------------------------------------------------------------------------------------------------


@cache
def _environment() -> Environment:
    from jinja2 import Environment, PackageLoader, select_autoescape  # only the HTML format needs Jinja2

    return Environment(loader=PackageLoader("api", "templates"), autoescape=select_autoescape(["html", "j2"]),
                       trim_blocks=True, lstrip_blocks=True)


def marked(text: str, quotes: Iterable[str], lang: str) -> Markup:
    """``text`` as HTML with every quoted piece of the document in a ``<span lang>`` of the document's
    language (WCAG 3.1.2), so that «xx.xx.xxx» or a role's name in nynorsk is not read as English."""
    from markupsafe import Markup, escape  # Jinja2's own escaping; only the HTML format needs it

    pieces = sorted({q for q in quotes if q}, key=lambda q: (-len(q), q))
    if not pieces:
        return escape(text)
    out: list[Markup] = []
    last = 0
    for match in re.finditer("|".join(re.escape(q) for q in pieces), text):
        out.append(escape(text[last : match.start()]))
        out.append(Markup('<span lang="{}">{}</span>').format(lang, match.group(0)))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def to_html(validation: Validation, lang: str) -> str:
    """A standalone, printable page: inline CSS, no scripts, no external assets. Text quoted from the
    document carries the document's language (``lang`` on its element), the rest the report's."""
    data = to_dict(validation, lang)

    def s(key: str, **values: object) -> str:
        return t(key, lang, **values)

    return _environment().get_template("report.html.j2").render(
        lang=lang, doc_lang=validation.language, data=data, s=s, severities=SEVERITIES, marked=marked,
        generated=t("generated", lang, version=_software()),
    )


# -- Turtle ------------------------------------------------------------------------------------------------


def to_turtle(validation: Validation, lang: str = "nb") -> str:
    """The ``sh:ValidationReport`` (all languages of every message are in it)."""
    return validation.report_turtle


def to_jsonld(validation: Validation, lang: str = "nb") -> str:
    """The ``sh:ValidationReport`` as JSON-LD."""
    return validation.report_jsonld + "\n"


RENDERERS: dict[str, Callable[[Validation, str], str]] = {
    "text": text,
    "json": to_json,
    "html": to_html,
    "turtle": to_turtle,
    "json-ld": to_jsonld,
}


def render(validation: Validation, fmt: str, lang: str) -> str:
    """The report in ``fmt`` (text, json, html, turtle, json-ld) and ``lang`` (nb, nn, en)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return RENDERERS[fmt](validation, lang)
