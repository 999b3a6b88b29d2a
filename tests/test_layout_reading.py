"""The stages that read a document laid out its own way: PDF-text repair, sections, roles, the document's
kind, and the layout reading end to end on real files in tests/data/layout/."""

from __future__ import annotations

from pathlib import Path

import yaml

from loaders import doctype, roles, sections
from loaders.outline import Block, Kind
from loaders.reader import outline_of, read_path
from loaders.sources import from_path
from loaders.text_repair import is_provenance_comment, repair, running_header, split_at_bullets
from loaders.vocabulary import SG
from tests.conftest import run_cli

LAYOUT = Path(__file__).parent / "data" / "layout"


def _block(text: str, kind: Kind = Kind.HEADING, line: int = 1) -> Block:
    return Block(kind=kind, text=text, line_start=line, line_end=line)


def test_a_bullet_glued_to_its_word_gets_its_space() -> None:
    assert split_at_bullets("•diskutere kva det betyr") == [(0, "• diskutere kva det betyr")]


def test_a_bullet_in_the_middle_of_a_line_cuts_it() -> None:
    assert [text for _, text in split_at_bullets("Visjon og verdiar• Open og modig")] == [
        "Visjon og verdiar", "• Open og modig"
    ]


def test_a_misplaced_hyphen_space_is_repaired() -> None:
    assert repair("Arbeids -og samfunnslivet og e -læring") == "Arbeids- og samfunnslivet og e-læring"


def test_a_glued_sentence_gets_its_space() -> None:
    assert repair("ut i livet.Vestland er") == "ut i livet. Vestland er"


def test_an_abbreviation_is_not_taken_for_a_glued_sentence() -> None:
    assert repair("jf.A og St.meld.") == "jf.A og St.meld."


def test_a_provenance_comment_is_not_the_documents_text() -> None:
    assert is_provenance_comment("# source: https://example.org/side")
    assert not is_provenance_comment("#1 Mål")


def test_a_numbered_label_names_the_section_after_it() -> None:
    tree = sections.build([_block("Ambisjon 1:"), _block("Vi lærer saman", line=2),
                           _block("Tekst.", Kind.PARAGRAPH, 3)])
    assert [(s.label, s.title) for s in tree] == [("Ambisjon 1", "Vi lærer saman")]


def test_a_table_of_contents_is_found_by_its_page_numbers() -> None:
    lines = ["Forord 3", "Innsatsområde rekruttering 9", "Innsatsområde heiltid 12", "Litteratur 21"]
    entries = sections.toc_entries([_block(t, Kind.PARAGRAPH, n) for n, t in enumerate(lines, 1)])
    assert [e.text for e in entries] == ["Forord", "Innsatsområde rekruttering", "Innsatsområde heiltid", "Litteratur"]


def test_an_intro_of_what_the_employer_does_gives_measures() -> None:
    reading = roles.intro_role("Dette gjer vi:")
    assert reading is not None and reading.cls == SG.Measure and "dette gjer vi" in reading.reason


def test_a_role_subject_gives_an_expectation_of_that_role() -> None:
    assert roles.intro_role("Eg som har personalansvar set rammer")  .cls == SG.LeaderExpectation  # type: ignore[union-attr]
    assert roles.intro_role("Jeg som jobber her sier ifra").cls == SG.EmployeeExpectation  # type: ignore[union-attr]


def test_an_intro_phrase_matches_whole_words_only() -> None:
    assert roles.intro_role("Leiarutvikling") is None


def test_a_number_names_what_a_list_holds() -> None:
    reading = roles.intro_role("For å nå målsetningene har vi fire verdier:")
    assert reading is not None and reading.cls == SG.Value


def test_values_written_on_one_line_are_split() -> None:
    assert roles.value_parts("Kompetent – Open – Modig") == ["Kompetent", "Open", "Modig"]
    assert roles.value_name("Åpen: Vi involverer og lytter.") == "Åpen"


def test_a_form_of_questions_is_not_employer_policy() -> None:
    verdict = doctype.classify(outline_of(from_path(LAYOUT / "samtaleskjema.txt")).blocks)
    assert not verdict.is_strategy and verdict.questions >= 4


def test_a_document_titled_with_a_policy_kind_is_employer_policy() -> None:
    verdict = doctype.classify(outline_of(from_path(LAYOUT / "ambisjonar-pdf.txt")).blocks)
    assert verdict.is_strategy and verdict.kind == "Personalstrategi"


def test_numbered_ambitions_become_priority_areas() -> None:
    document = read_path(LAYOUT / "ambisjonar-pdf.txt")
    assert [(a.text, a.lines.start) for a in document.priority_areas] == [
        ("Vi lærer av kvarandre", 4), ("Vi har eit trygt arbeidsmiljø", 12)
    ]


def test_principles_per_role_become_expectations_of_that_role() -> None:
    area = read_path(LAYOUT / "ambisjonar-pdf.txt").priority_areas[0]
    assert [e.lines.start for e in area.employee_expectations] == [7]
    assert area.leader_expectations[0].text.startswith("Eg som har personalansvar set av tid")
    assert area.leader_expectations[0].reason == "intro:eg som har personalansvar→LeaderExpectation"


def test_a_web_summary_gives_vision_values_goals_and_measures() -> None:
    document = read_path(LAYOUT / "nettside-verdier.txt")
    assert document.vision is not None and document.vision.text == "Sammen skaper vi framtida."
    assert [v.text for v in document.values] == ["Raus", "Modig"]
    assert len(document.main_goals) == 2
    assert [m.lines.start for m in document.unplaced] == [25, 26]  # measures with no area to serve


def test_what_could_not_be_found_is_listed_in_the_card() -> None:
    assert read_path(LAYOUT / "ambisjonar-pdf.txt").missing == [
        "adoption", "vision", "values", "goals", "measures", "follow_up", "revision"
    ]


def test_extract_refuses_a_form_with_exit_2_and_says_what_it_looks_like() -> None:
    result = run_cli("extract", str(LAYOUT / "samtaleskjema.txt"))
    assert result.returncode == 2
    assert "samtaleskjema.txt" in result.stderr and "spørsmål" in result.stderr and "--as-strategy" in result.stderr


def test_extract_as_strategy_reads_a_form_anyway() -> None:
    result = run_cli("extract", str(LAYOUT / "samtaleskjema.txt"), "--as-strategy")
    assert result.returncode == 0 and "missing:" in result.stdout


def test_extract_folder_writes_one_card_per_document_and_exits_1_for_a_refused_one(tmp_path: Path) -> None:
    out = tmp_path / "kort"
    result = run_cli("extract", str(LAYOUT), "--out", str(out), "--jobs", "2")
    assert result.returncode == 1  # samtaleskjema.txt is not a strategy: no card, and the table says so
    assert sorted(p.name for p in out.iterdir()) == [
        "ambisjonar-pdf.yaml", "innhald-ei-linje.yaml", "nettside-innlinje.yaml", "nettside-verdier.yaml"
    ]
    assert "ingen kort / no card: samtaleskjema.txt: ser ikkje ut som" in result.stdout
    assert "4 av 5 dokument gav kort" in result.stdout


def test_a_card_written_by_extract_folder_loads_as_the_document_reads(tmp_path: Path) -> None:
    run_cli("extract", str(LAYOUT), "--out", str(tmp_path), "--jobs", "1")
    assert read_path(tmp_path / "ambisjonar-pdf.yaml") == read_path(LAYOUT / "ambisjonar-pdf.txt")


def test_extract_of_a_folder_without_out_is_refused() -> None:
    result = run_cli("extract", str(LAYOUT))
    assert result.returncode == 2 and "--out" in result.stderr


def test_a_running_header_with_its_page_numbers_is_found() -> None:
    titles = {4: "Forord", 7: "Innsatsområde forankring", 9: "Hovudfunn"}
    lines = [f"{n}  Mangfald og inkludering i Eksempel kommune  {title}" for n, title in titles.items()]
    header = running_header(["Tekst.", *lines])
    assert header is not None and header.sub("", lines[1]) == "Innsatsområde forankring"


def test_a_sentence_repeated_with_the_same_number_is_not_page_furniture() -> None:
    # regression: «Delen tilsette … frå 48» repeated in every area was cut off as a running header
    line = "Delen tilsette i heil stilling skal auke frå 48 til 60 prosent innan 2027."
    assert running_header([line] * 5) is None


def test_vision_values_and_goal_written_after_their_cue_on_one_line() -> None:
    document = read_path(LAYOUT / "nettside-innlinje.txt")
    assert (document.vision.text if document.vision else None) == "Sammen om gode tjenester"
    assert [v.text for v in document.values] == ["Raus", "Modig", "Tydelig"]
    assert [g.text for g in document.main_goals] == ["Kommunen skal være en attraktiv arbeidsgiver for alle."]


def test_a_value_with_its_definition_after_a_dash_is_named_by_its_word() -> None:
    assert roles.value_name("Åpen – vi deler informasjon") == "Åpen"
    assert roles.value_parts("Respekt og raushet") == ["Respekt og raushet"]


def test_a_table_of_contents_on_one_line_is_read_as_its_entries() -> None:
    line = "Innhald 1 Innleiing 3 2 Visjon og verdiar 4 3 Satsingsområde 5 3.1 Rekruttering 6 3.2 Heiltid 8 4 Slutt 9"
    entries = sections.toc_entries([_block(line, Kind.PARAGRAPH)])
    assert [(e.number, e.text, e.page) for e in entries][2:5] == [
        ("2", "Visjon og verdiar", 4), ("3", "Satsingsområde", 5), ("3.1", "Rekruttering", 6)
    ]


def test_a_cut_off_document_takes_its_areas_from_its_table_of_contents() -> None:
    document = read_path(LAYOUT / "innhald-ei-linje.txt")
    assert [(a.text, a.reason) for a in document.priority_areas] == [
        ("Rekruttering og kompetanse", "contents:under-area"), ("Heiltid og nærvær", "contents:under-area"),
        ("Leiing", "contents:under-area"),
    ]


def test_a_reviewer_places_an_unplaced_block_and_the_card_keeps_it(tmp_path: Path) -> None:
    from graph.mapper import to_rdf
    from loaders.card import dump

    document = read_path(LAYOUT / "nettside-verdier.txt")
    moved = document.unplaced[0]
    area = {"text": "Ledelse", "lines": "23", "measures": [{"text": moved.text, "lines": str(moved.lines.start)}]}
    card = yaml.safe_load(dump(document))
    card["priority_areas"] = [area]
    card["unplaced"] = card["unplaced"][1:]
    path = tmp_path / "gjennomgatt.yaml"
    path.write_text(yaml.safe_dump(card, allow_unicode=True), encoding="utf-8")
    reviewed = read_path(path)
    assert [m.text for m in reviewed.all_measures()] == [moved.text] and len(reviewed.unplaced) == 1
    assert (None, SG.hasMeasure, None) in to_rdf(reviewed)
