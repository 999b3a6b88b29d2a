"""benchmarks/RESULTS.md: each benchmark script owns some «## …» sections and rewrites only those."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    """CPU model, CPU count, kernel and Python, for the line above each table."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPU, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def write_sections(headings: list[str], sections: str) -> None:
    """Drop the sections with these headings («## Lovdata») and append ``sections`` in their place at the end,
    leaving every other section as it was."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    for heading in headings:
        text = re.sub(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", "", text, flags=re.S | re.M)
    RESULTS.write_text(text.rstrip("\n") + "\n\n" + sections.strip("\n") + "\n", encoding="utf-8")


def cli_seconds(*args: str, ok: tuple[int, ...] = (0,)) -> float:
    """Wall time of one ``strategigraf ARGS…`` in a fresh interpreter, as a user runs it. Python writes and reads
    its bytecode cache as it does after an install (the sandbox's PYTHONDONTWRITEBYTECODE would recompile our
    modules every run); the first call of a series is the warm-up that writes it, and the linker's cache."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", "from api.cli import main; main()", *args],
        cwd=RESULTS.parent.parent, capture_output=True, text=True, env=env,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise SystemExit(f"strategigraf {' '.join(args)} failed: {result.stderr}")
    return elapsed
