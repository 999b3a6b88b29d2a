"""Benchmark the Lovdata registry and the citation linker, and record the results in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/bench_lovdata.py [--dump ../shared/lovdata] [--skip-import] [--no-write]

Measures, each against a baseline run in the same process so the ratio does not depend on the machine:

* the full import of the dump, against only decompressing and reading every file of it;
* loading the registry into a pyoxigraph Store (validated, and bulk only), and into the linker;
* linking a 50-page document, against a naive scan with one regular expression per name in the registry.

It also times a cold ``strategigraf lovdata link`` equivalent in a fresh interpreter (start-up included).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import machine, write_sections  # noqa: E402
from loaders import build_cache, citations  # noqa: E402
from loaders import lovdata_registry as registry  # noqa: E402

# Paragraphs in the style of the seed strategies: prose, lists, and citations in every form the linker reads.
_PARAGRAPHS = [
    "Arbeidsgiver er i følge arbeidsmiljøloven § 1-8 (2) «enhver som har ansatt arbeidstaker for å utføre "
    "arbeid i sin tjeneste». I en kommune er det kommunestyret som har det overordnede arbeidsgiveransvaret.",
    "Medinnflytelse og samarbeid i tråd med arbeidsmiljølovens, hovedavtalens og hovedtariffavtalens "
    "bestemmelser, forventes. Medvirkning favner mer enn det som er avtalefestet.",
    "Arbeidsreglementet er godkjent som beskrive i arbeidsmiljøloven §14-17 (1). Alle tilsette skal ha "
    "skriftleg arbeidsavtale i samsvar med arbeidsmiljølova sine krav til slik avtale.",
    "Det skal vurderast om det er grunnlag for suspensjon etter vilkåra i aml § 15-13. Ved oppseiing må "
    "arbeidsgjevar følgje reglane i aml kap 15. Forvaltningslova gjeld for sakshandsaminga.",
    "Arbeidstakar skal ved tilsetting underteikne eiga fråsegn om teieplikt med vising til forvaltningslova "
    "§ 13, og evt. med heimel i særlov.",
    "Kommunenes arbeidsgiverpolitikk må bygge på hovedavtalens mål om samarbeid, medbestemmelse og "
    "medinnflytelse – og den må bidra til en omstillingsdyktig og serviceinnstilt kommune.",
    "- Arbeidsmiljøloven\n- IA-avtalen\n- Diskrimineringslovgivningen\n"
    "- Grunnlovens bestemmelser om ytringsfriheten",
    "Den daglige utøvelsen av arbeidsgiveransvaret er i henhold til kommuneloven overlatt til "
    "kommunedirektøren, jf. kommuneloven § 13-1, 7. ledd.",
    "Lederne skal skape et miljø som legger til rette for mestring, arbeidsglede og engasjement, gjennom å "
    "stille krav og forventninger og gjennom å gi oppmerksomhet og tydelige tilbakemeldinger.",
    "Innovasjon er forandring som gjør at ting blir løst på nye og mer hensiktsmessige måter – nytt, nyttig "
    "og nyttiggjort. Det er lov å gjøre feil, men vi må lære av det.",
    "Varsling skal skje etter rutinene, jf. arbeidsmiljøloven § 2 A-6 og kapittel 2 A. Habilitet følger av "
    "fvl §§ 6–10, og innsyn av offentleglova.",
    "Lønn fastsettes etter Hovedtariffavtalen og lokale forhandlinger etter HTA. Sykefraværet følges opp "
    "etter ftrl § 8-1 og folketrygdloven kapittel 8.",
]


def fifty_pages(pages: int = 50, chars_per_page: int = 3000) -> str:
    """A synthetic strategy of about ``pages`` pages (3,000 characters each), full of citations."""
    out: list[str] = []
    size, n = 0, 0
    while size < pages * chars_per_page:
        paragraph = _PARAGRAPHS[n % len(_PARAGRAPHS)]
        out.append(paragraph)
        size += len(paragraph) + 2
        n += 1
        if n % 7 == 0:
            out.append(f"{n // 7}. Satsingsområde {n // 7}")
    return "\n\n".join(out) + "\n"


def _median(function, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _read_dump(paths: list[Path]) -> int:
    from loaders.lovdata_import import iter_sources

    return sum(len(data) for _, data in iter_sources(paths))


def _naive_scan(text: str, reg: registry.Registry) -> int:
    """The baseline: one case-insensitive regular expression per name form, run over the whole text."""
    forms = {n.text for n in reg.names}
    found = 0
    for form in forms:
        found += sum(1 for _ in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text, re.I))
    return found


def _cold_link(path: Path) -> float:
    program = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "from loaders.citations import find_citations\n"
        "find_citations(open(sys.argv[1], encoding='utf-8').read())\n"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", program, str(path)], check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dump", type=Path, default=ROOT.parent / "shared" / "lovdata")
    parser.add_argument("--skip-import", action="store_true", help="do not time the full import")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []

    if not args.skip_import:
        from loaders.lovdata_import import import_lovdata

        archives = sorted(args.dump.glob("*.tar.bz2"))
        baseline = _median(lambda: _read_dump(archives), repeat=1)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            report = import_lovdata(archives, folder, dump_date="2025-11-09")
            took = time.perf_counter() - started
        rows.append(
            (
                f"full import ({report.documents} files, {report.triples} triples)",
                f"{took:.1f} s",
                f"read + decompress only: {baseline:.1f} s",
                f"{took / baseline:.1f}×",
            )
        )

    folder = registry.registry_dir()
    sizes = {p.name: p.stat().st_size for p in [*registry.registry_files(folder), folder / registry.INDEX]}
    import pyoxigraph

    def load_store(validate: bool) -> None:
        registry.load_into_store(pyoxigraph.Store(), folder=folder, validate=validate)

    store_validated = _median(lambda: load_store(True), repeat=3)
    store_bulk = _median(lambda: load_store(False), repeat=3)
    with tempfile.TemporaryDirectory() as disk:
        started = time.perf_counter()
        registry.load_into_store(pyoxigraph.Store(disk), folder=folder)
        store_disk = time.perf_counter() - started
    store = "load registry into pyoxigraph Store"
    rows.append((f"{store}, in memory (validated)", f"{store_validated:.2f} s", "", ""))
    rows.append((f"{store}, in memory (bulk only)", f"{store_bulk:.2f} s", "", ""))
    rows.append((f"{store}, on disk (validated)", f"{store_disk:.2f} s", "", ""))

    def load_linker() -> None:
        registry.clear_caches()
        citations.matcher()

    def load_registry() -> None:
        registry.clear_caches()
        registry.load_registry()

    def without_cache(load: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            with tempfile.TemporaryDirectory() as empty:  # an empty build cache: made from the files
                os.environ[build_cache.ENV_CACHE] = empty
                try:
                    load()
                finally:
                    del os.environ[build_cache.ENV_CACHE]

        return run

    index_only = _median(without_cache(load_registry))
    load_registry()  # fills the build cache
    registry_cached = _median(load_registry)
    built = _median(without_cache(load_linker))
    load_linker()
    linker = _median(load_linker)
    rows.append(("load registry: index.json.gz + curated files", f"{index_only * 1000:.0f} ms", "", ""))
    rows.append(("load registry: from the build cache", f"{registry_cached * 1000:.0f} ms",
                 f"from the files: {index_only * 1000:.0f} ms", f"{index_only / registry_cached:.1f}× faster"))
    rows.append(("load linker: registry + name trie, made from the files", f"{built * 1000:.0f} ms", "", ""))
    rows.append(("load linker: registry + name trie, from the build cache", f"{linker * 1000:.0f} ms",
                 f"made from the files: {built * 1000:.0f} ms", f"{built / linker:.1f}× faster"))

    text = fifty_pages()
    found = len(citations.find_citations(text))
    link = _median(lambda: citations.find_citations(text))
    reg = registry.load_registry()
    started = time.perf_counter()
    naive = _naive_scan(text, reg)
    naive_time = time.perf_counter() - started
    rows.append(
        (
            f"link a 50-page document ({len(text)} chars, {found} citations)",
            f"{link * 1000:.1f} ms",
            f"naive regex per name ({len({n.text for n in reg.names})} forms, {naive} hits): "
            f"{naive_time:.1f} s",
            f"{naive_time / link:.0f}× faster",
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        handle.write(text)
    cold = statistics.median(_cold_link(Path(handle.name)) for _ in range(3))
    Path(handle.name).unlink()
    rows.append(("cold start + link the 50-page document (fresh interpreter)", f"{cold:.2f} s", "", ""))

    size_line = ", ".join(f"{name} {size / 1e6:.2f} MB" for name, size in sizes.items())
    total = sum(sizes.values()) / 1e6
    table = ["| measure | time | baseline (same run) | ratio |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    section = "\n".join(
        [
            "## Lovdata",
            "",
            f"Run {date.today().isoformat()} on {machine()}. "
            "`benchmarks/bench_lovdata.py` writes this section.",
            "",
            f"Registry: {total:.2f} MB in all ({size_line}).",
            "",
            *table,
            "",
        ]
    )
    print(section)
    if not args.no_write:
        write_sections(["## Lovdata"], section)


if __name__ == "__main__":
    main()
