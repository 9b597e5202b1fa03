"""The fault drills and the bad-input corpus through the real CLI against real PostgreSQL (flows/selftest.py):
kill -9 then a re-run, two runs at once, a second PostgreSQL stopped and started mid-run."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_corpus_and_fault_drills_lose_nothing_duplicate_nothing_and_never_crash(engine, database_url):
    from prefect.settings import PREFECT_API_URL

    from flows.badinput import CLASSES, HEAVY
    from flows.selftest import render, selftest

    report = selftest(database_url, PREFECT_API_URL.value(), heavy=False, pages=40)
    sections = {t.name: t for t in report.tallies}
    assert set(sections) == {"corpus", "reference run", "kill -9 + re-run", "two runs at once", "database restart",
                             "outage > retries"}
    problems = [f"{t.name}: {n}" for t in report.tallies for n in t.notes if n.split(":")[0] in (
        "crashed", "lost", "duplicated", "false_rejections", "unexpected")]
    assert report.ok and not problems, (problems, render(report))
    corpus = sections["corpus"]
    assert len(CLASSES) - len(HEAVY) >= 25 and corpus.inputs >= 30
    assert corpus.extracted and corpus.rejected and corpus.skipped
    for drill in ("kill -9 + re-run", "two runs at once", "database restart", "outage > retries"):
        assert sections[drill].extracted == sections["reference run"].extracted > 40
    # an outage longer than the retries fails the run with one line (then the re-run loads the rest)
    assert any(n.startswith("failed cleanly, one line: error: database unavailable")
               for n in sections["outage > retries"].notes), sections["outage > retries"].notes
