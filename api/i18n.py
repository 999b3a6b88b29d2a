"""The message catalogue of the web pages: every fixed string in bokmål (nb), nynorsk (nn) and English (en).

Each entry is ``key: (nb, nn, en)``; ``{name}`` placeholders are filled by ``text``. Content that comes
from the data (titles, goals, measures) is never translated: the templates mark its own language instead.
"""

from __future__ import annotations

from collections.abc import Callable

LANGS = ("nb", "nn", "en")
DEFAULT_LANG = "nb"
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}

MESSAGES: dict[str, tuple[str, str, str]] = {
    # -- layout --------------------------------------------------------------------------------------------
    "tagline": (
        "Arbeidsgiverstrategier i norske kommuner",
        "Arbeidsgjevarstrategiar i norske kommunar",
        "Employer strategies of Norwegian municipalities",
    ),
    "skip": ("Hopp til hovedinnholdet", "Hopp til hovudinnhaldet", "Skip to main content"),
    "nav_label": ("Hovedmeny", "Hovudmeny", "Main menu"),
    "nav_overview": ("Oversikt", "Oversikt", "Overview"),
    "nav_check": ("Sjekk et utkast", "Sjekk eit utkast", "Check a draft"),
    "nav_query": ("Spørring", "Spørjing", "Query"),
    "nav_ontology": ("Ontologi", "Ontologi", "Ontology"),
    "language": ("Språk", "Språk", "Language"),
    "footer": (
        "Lovdata-data under NLOD 2.0. Ontologien under CC BY 4.0. Koden under MIT-lisens.",
        "Lovdata-data under NLOD 2.0. Ontologien under CC BY 4.0. Koden under MIT-lisens.",
        "Lovdata data under NLOD 2.0. The ontology under CC BY 4.0. The code under the MIT licence.",
    ),
    "line": ("linje {n}", "linje {n}", "line {n}"),
    "lines": ("linje {a}–{b}", "linje {a}–{b}", "lines {a}–{b}"),
    "paragraph": ("avsnitt {n}", "avsnitt {n}", "paragraph {n}"),
    "paragraphs": ("avsnitt {a}–{b}", "avsnitt {a}–{b}", "paragraphs {a}–{b}"),
    "not_found": ("Siden finnes ikke", "Sida finst ikkje", "Page not found"),
    "back_to_overview": ("Tilbake til oversikten", "Tilbake til oversikta", "Back to the overview"),
    "violation": ("Brudd", "Brot", "Violation"),
    "warning": ("Advarsel", "Åtvaring", "Warning"),
    "info": ("Råd", "Råd", "Advice"),
    "violations": ("Brudd", "Brot", "Violations"),
    "warnings": ("Advarsler", "Åtvaringar", "Warnings"),
    "infos": ("Råd", "Råd", "Advice"),
    "score": ("Poeng", "Poeng", "Score"),
    "score_of": ("{score} av 100", "{score} av 100", "{score} out of 100"),
    "section": ("Del", "Del", "Section"),
    "not_applicable": ("–", "–", "–"),
    # -- overview ------------------------------------------------------------------------------------------
    "overview_title": (
        "Arbeidsgiverstrategier i grafen",
        "Arbeidsgjevarstrategiar i grafen",
        "Employer strategies in the graph",
    ),
    "overview_intro": (
        "{strategies} strategier fra {municipalities} kommuner. Velg en strategi for å se mål, tiltak og funn.",
        "{strategies} strategiar frå {municipalities} kommunar. Vel ein strategi for å sjå mål, tiltak og funn.",
        "{strategies} strategies from {municipalities} municipalities. Choose one to see its goals, measures "
        "and findings.",
    ),
    "filters": ("Filtrer", "Filtrer", "Filter"),
    "theme": ("Tema", "Tema", "Theme"),
    "county": ("Fylke", "Fylke", "County"),
    "all_themes": ("Alle tema", "Alle tema", "All themes"),
    "all_counties": ("Alle fylker", "Alle fylke", "All counties"),
    "apply_filter": ("Vis", "Vis", "Show"),
    "clear_filter": ("Nullstill", "Nullstill", "Clear"),
    "filtered": (
        "Viser {shown} av {total} kommuner.",
        "Viser {shown} av {total} kommunar.",
        "Showing {shown} of {total} municipalities.",
    ),
    "strategies_caption": (
        "Strategiene med periode, vedtak og fullstendighet (poeng av 100)",
        "Strategiane med periode, vedtak og fullstendigheit (poeng av 100)",
        "The strategies with period, adoption and completeness (score out of 100)",
    ),
    "municipality": ("Kommune", "Kommune", "Municipality"),
    "strategy": ("Strategi", "Strategi", "Strategy"),
    "period": ("Periode", "Periode", "Period"),
    "adopted": ("Vedtatt", "Vedteken", "Adopted"),
    "completeness": ("Fullstendighet", "Fullstendigheit", "Completeness"),
    "not_given": ("ikke oppgitt", "ikkje oppgjeve", "not given"),
    "placeholder_date": ("dato mangler («{value}»)", "dato manglar («{value}»)", "date missing («{value}»)"),
    "not_assessed": ("ikke vurdert", "ikkje vurdert", "not assessed"),
    "heatmap_title": ("Dekning av tema", "Dekning av tema", "Theme coverage"),
    "heatmap_caption": (
        "Antall mål og tiltak per kommune og tema. Jo mørkere celle, jo flere.",
        "Tal på mål og tiltak per kommune og tema. Di mørkare celle, di fleire.",
        "Number of goals and measures per municipality and theme. The darker the cell, the more.",
    ),
    "legend": ("Fargeforklaring", "Fargeforklaring", "Colour key"),
    "or_more": ("{n} eller flere", "{n} eller fleire", "{n} or more"),
    "laws_title": (
        "Mest siterte lover, bestemmelser og avtaler",
        "Mest siterte lover, føresegner og avtalar",
        "Most cited laws, provisions and agreements",
    ),
    "laws_caption": (
        "Sortert etter hvor mange kommuner som viser til dem, i alle strategiene. Lenkene går til Lovdata.",
        "Sortert etter kor mange kommunar som viser til dei, i alle strategiane. Lenkjene går til Lovdata.",
        "Sorted by how many municipalities cite them, across all strategies. The links go to Lovdata.",
    ),
    "law": ("Lov, bestemmelse eller avtale", "Lov, føresegn eller avtale", "Law, provision or agreement"),
    "identifier": ("Id", "Id", "Id"),
    "municipalities": ("Kommuner", "Kommunar", "Municipalities"),
    "elements": ("Elementer", "Element", "Elements"),
    "agreement": ("avtale", "avtale", "agreement"),
    "empty_graph": (
        "Grafen har ingen strategier ennå. Kjør «strategigraf build» og last siden på nytt.",
        "Grafen har ingen strategiar enno. Køyr «strategigraf build» og last sida på nytt.",
        "The graph has no strategies yet. Run «strategigraf build» and reload the page.",
    ),
    "no_match": (
        "Ingen kommuner passer filteret.",
        "Ingen kommunar passar filteret.",
        "No municipality matches the filter.",
    ),
    # -- one strategy --------------------------------------------------------------------------------------
    "adopted_by": ("Vedtatt av", "Vedteken av", "Adopted by"),
    "adoption_date": ("Vedtaksdato", "Vedtaksdato", "Adoption date"),
    "case_reference": ("Saksnummer", "Saksnummer", "Case number"),
    "document_language": ("Språk i dokumentet", "Språk i dokumentet", "Document language"),
    "source_lines": ("Kildelinjer", "Kjeldelinjer", "Source lines"),
    "findings_summary": ("Fullstendighet", "Fullstendigheit", "Completeness"),
    "findings_intro": (
        "Funnene står ved elementet de gjelder. Brudd er det strategien må ha, advarsler det den bør ha, "
        "råd er forslag.",
        "Funna står ved elementet dei gjeld. Brot er det strategien må ha, åtvaringar det han bør ha, råd er forslag.",
        "Each finding stands by the element it concerns. Violations are what the strategy must have, "
        "warnings what it should have, advice is a suggestion.",
    ),
    "scores_caption": ("Poeng per del av strategien", "Poeng per del av strategien", "Score per section"),
    "overall": ("Samlet", "Samla", "Overall"),
    "download_html": ("Last ned rapporten som HTML", "Last ned rapporten som HTML", "Download the report as HTML"),
    "download_json": ("Last ned rapporten som JSON", "Last ned rapporten som JSON", "Download the report as JSON"),
    "contents": ("Innhold", "Innhald", "Contents"),
    "strategy_findings": ("Funn for strategien", "Funn for strategien", "Findings on the strategy"),
    "findings": ("Funn", "Funn", "Findings"),
    "vision_values": ("Visjon og verdier", "Visjon og verdiar", "Vision and values"),
    "vision": ("Visjon", "Visjon", "Vision"),
    "values": ("Verdier", "Verdiar", "Values"),
    "main_goals": ("Hovedmål", "Hovudmål", "Main goals"),
    "priority_areas": ("Satsingsområder", "Satsingsområde", "Priority areas"),
    "goal_area": ("Mål", "Mål", "Goal"),
    "goal_sub": ("Delmål", "Delmål", "Sub-goal"),
    "goal_main": ("Hovedmål", "Hovudmål", "Main goal"),
    "measures": ("Tiltak", "Tiltak", "Measures"),
    "indicators": ("Målindikatorer", "Målindikatorar", "Indicators"),
    "other_measures": ("Andre tiltak i området", "Andre tiltak i området", "Other measures of the area"),
    "same_measures": ("Også tiltakene ovenfor:", "Også tiltaka ovanfor:", "Also the measures above:"),
    "leader_expectations": ("Forventninger til ledere", "Forventningar til leiarar", "Expectations of leaders"),
    "employee_expectations": (
        "Forventninger til medarbeidere",
        "Forventningar til medarbeidarar",
        "Expectations of employees",
    ),
    "underlying_documents": ("Underliggende dokumenter", "Underliggjande dokument", "Underlying documents"),
    "reference_documents": ("Referansedokumenter", "Referansedokument", "Reference documents"),
    "challenges": ("Utfordringer", "Utfordringar", "Challenges"),
    "duties": ("Roller og ansvar", "Roller og ansvar", "Roles and duties"),
    "follow_up": ("oppfølgingsansvar", "oppfølgingsansvar", "follow-up"),
    "revision": ("Revisjon", "Revisjon", "Revision"),
    "every_years": ("hvert {n}. år", "kvart {n}. år", "every {n} years"),
    "responsible": ("Ansvar", "Ansvar", "Responsible"),
    "deadline": ("Frist", "Frist", "Deadline"),
    "cites": ("Viser til", "Viser til", "Cites"),
    "not_in_lovdata": ("ikke funnet i Lovdata", "ikkje funnen i Lovdata", "not found in Lovdata"),
    "factor": ("10-faktor {n}", "10-faktor {n}", "10-factor {n}"),
    "instrument": ("Måleinstrument", "Måleinstrument", "Instrument"),
    "target_value": ("Målverdi", "Målverdi", "Target"),
    "other_findings": ("Andre funn", "Andre funn", "Other findings"),
    "no_strategy_findings": (
        "Ingen funn på strategien som helhet.",
        "Ingen funn på strategien som heilskap.",
        "No findings on the strategy as a whole.",
    ),
    "unknown_strategy": (
        "Fant ikke strategien «{id}» i grafen.",
        "Fann ikkje strategien «{id}» i grafen.",
        "The strategy «{id}» is not in the graph.",
    ),
    # -- check a draft -------------------------------------------------------------------------------------
    "check_title": ("Sjekk et utkast", "Sjekk eit utkast", "Check a draft"),
    "check_intro": (
        "Last opp et utkast til arbeidsgiverstrategi. Du får vite hva som mangler etter KS' veiledning, "
        "element for element, med linjen det står på.",
        "Last opp eit utkast til arbeidsgjevarstrategi. Du får vite kva som manglar etter rettleiinga frå KS, "
        "element for element, med linja det står på.",
        "Upload a draft employer strategy. You will see what is missing according to KS guidance, element "
        "by element, with the line it stands on.",
    ),
    "file_label": ("Utkastet", "Utkastet", "The draft"),
    "file_help": (
        "Word (.docx), PDF, Markdown (.md), tekst (.txt) eller et YAML-kort. Høyst 50 MB.",
        "Word (.docx), PDF, Markdown (.md), tekst (.txt) eller eit YAML-kort. Høgst 50 MB.",
        "Word (.docx), PDF, Markdown (.md), text (.txt) or a YAML card. At most 50 MB.",
    ),
    "report_language": ("Språk i rapporten", "Språk i rapporten", "Report language"),
    "submit_check": ("Sjekk utkastet", "Sjekk utkastet", "Check the draft"),
    "privacy": (
        "Fila lagres ikke. Den sjekkes i minnet og glemmes etterpå.",
        "Fila vert ikkje lagra. Ho vert sjekka i minnet og gløymd etterpå.",
        "The file is not stored. It is checked in memory and then forgotten.",
    ),
    "report_for": ("Rapport for «{name}»", "Rapport for «{name}»", "Report for «{name}»"),
    "check_another": ("Sjekk et annet utkast", "Sjekk eit anna utkast", "Check another draft"),
    "check_failed": ("Utkastet kunne ikke sjekkes", "Utkastet kunne ikkje sjekkast", "The draft could not be checked"),
    "too_large": (
        "Fila er større enn grensen på 50 MB.",
        "Fila er større enn grensa på 50 MB.",
        "The file is larger than the 50 MB limit.",
    ),
    "no_file": ("Velg en fil først.", "Vel ei fil først.", "Choose a file first."),
    "where": ("Hvor", "Kvar", "Where"),
    "element": ("Element", "Element", "Element"),
    "finding": ("Funn", "Funn", "Finding"),
    "severity": ("Alvorlighet", "Alvorsgrad", "Severity"),
    "no_findings": ("Ingen funn.", "Ingen funn.", "No findings."),
    # Generic: the report's JSON says per section why («notApplicable»: no indicators, no role with a duty …).
    "no_checks": (
        "Ingen kontroller gjelder i denne delen: dokumentet har ingen av elementene de gjelder for.",
        "Ingen kontrollar gjeld i denne delen: dokumentet har ingen av elementa dei gjeld for.",
        "No check applies in this section: the document has none of the elements they apply to.",
    ),
    # -- query ---------------------------------------------------------------------------------------------
    "query_title": ("Spørring i grafen", "Spørjing i grafen", "Query the graph"),
    "query_intro": (
        "Skriv en SPARQL-spørring, eller start med et eksempel. Standardgrafen er alle grafene til sammen.",
        "Skriv ei SPARQL-spørjing, eller start med eit døme. Standardgrafen er alle grafane saman.",
        "Write a SPARQL query, or start from an example. The default graph is the union of all graphs.",
    ),
    "editor_label": ("SPARQL-spørring", "SPARQL-spørjing", "SPARQL query"),
    "run": ("Kjør", "Køyr", "Run"),
    "run_hint": ("Ctrl+Enter kjører spørringen.", "Ctrl+Enter køyrer spørjinga.", "Ctrl+Enter runs the query."),
    "examples": ("Eksempler", "Døme", "Examples"),
    "examples_intro": (
        "De navngitte spørringene. Et klikk kjører eksempelet med standardverdiene.",
        "Dei namngjevne spørjingane. Eit klikk køyrer dømet med standardverdiane.",
        "The named queries. A click runs the example with its default values.",
    ),
    "parameters": ("Parametere for «{name}»", "Parametrar for «{name}»", "Parameters of «{name}»"),
    "run_with_parameters": ("Kjør med parametrene", "Køyr med parametrane", "Run with these parameters"),
    "any": ("(alle)", "(alle)", "(any)"),
    "results": ("Resultat", "Resultat", "Results"),
    "rows": ("{n} rader", "{n} rader", "{n} rows"),
    "one_row": ("1 rad", "1 rad", "1 row"),
    "elapsed": ("{ms} ms", "{ms} ms", "{ms} ms"),
    "truncated": (
        "Svaret er avkortet ved {n} rader.",
        "Svaret er avkorta ved {n} rader.",
        "The answer was cut at {n} rows.",
    ),
    "shown_first": (
        "Viser de første {n} radene. Last ned for å få alle.",
        "Viser dei første {n} radene. Last ned for å få alle.",
        "Showing the first {n} rows. Download to get them all.",
    ),
    "results_caption": ("Resultatet av spørringen", "Resultatet av spørjinga", "The result of the query"),
    "download_csv": ("Last ned CSV", "Last ned CSV", "Download CSV"),
    "download_results_json": ("Last ned JSON", "Last ned JSON", "Download JSON"),
    "download_turtle": ("Last ned Turtle", "Last ned Turtle", "Download Turtle"),
    "share_link": ("Lenke til spørringen", "Lenkje til spørjinga", "Link to this query"),
    "copy": ("Kopier lenken", "Kopier lenkja", "Copy the link"),
    "copied": ("Kopiert.", "Kopiert.", "Copied."),
    "query_failed": ("Spørringen kunne ikke kjøres", "Spørjinga kunne ikkje køyrast", "The query could not be run"),
    "timeout": (
        "Spørringen tok mer enn {s} s og ble stoppet.",
        "Spørjinga tok meir enn {s} s og vart stoppa.",
        "The query ran longer than {s} s and was stopped.",
    ),
    "yes": ("Ja", "Ja", "Yes"),
    "no": ("Nei", "Nei", "No"),
    "no_rows": ("Ingen rader.", "Ingen rader.", "No rows."),
    "subject": ("Subjekt", "Subjekt", "Subject"),
    "predicate": ("Predikat", "Predikat", "Predicate"),
    "object": ("Objekt", "Objekt", "Object"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The string ``key`` in ``lang`` (bokmål for an unknown language), with its placeholders filled."""
    nb, nn, en = MESSAGES[key]
    chosen = {"nn": nn, "en": en}.get(lang, nb)
    return chosen.format(**values) if values else chosen


def translator(lang: str) -> Callable[..., str]:
    """``t("key", n=3)`` for templates, bound to one language."""

    def t(key: str, **values: object) -> str:
        return text(key, lang, **values)

    return t
