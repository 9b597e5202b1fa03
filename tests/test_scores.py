"""Extraction scored field by field against gold files with ../shared/eval/score.py.

The seeds' gold (real pages), our own fixture gold (invented pages in the same formats, written without
looking at the extractors) and the first three held-out sets (written blind, since used to find general
failures) must pass every check: any regression fails here. holdout4/ is only measured (README:
Measuring), not required, so that it keeps estimating pages never seen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEEDS, SHARED

SCORER = SHARED / "eval" / "score.py"
GOLD_FILES = {
    "seeds": SEEDS / "gold.json",
    "fixtures": FIXTURES / "gold.json",
    "holdout": FIXTURES.parent / "holdout" / "gold.json",
    "holdout2": FIXTURES.parent / "holdout2" / "gold.json",
    "holdout3": FIXTURES.parent / "holdout3" / "gold.json",
}
MEDIAMON = str(Path(sys.executable).parent / "mediamon")


def score(gold: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCORER), str(gold), "--", MEDIAMON, "extract", "--json"],
                          capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is not beside this checkout")
@pytest.mark.parametrize("gold", GOLD_FILES.values(), ids=GOLD_FILES.keys())
def test_every_gold_check_passes(gold: Path):
    proc = score(gold)
    print(proc.stdout)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1].startswith("score: 100.0%")
