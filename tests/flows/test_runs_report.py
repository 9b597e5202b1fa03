"""Every run leaves an ingest_runs row and a Prefect table artifact; `mediamon status` shows them in 80 columns."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from tests.conftest import SAMPLES

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _inbox_with_bad_files(tmp_path):
    for sample in sorted(SAMPLES.glob("*.txt")):
        (tmp_path / sample.name).write_bytes(sample.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return tmp_path


def test_a_run_publishes_a_table_artifact_with_its_counts_reasons_and_speakers(clean_db, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey, FlowRunFilter, FlowRunFilterId

    from flows.ingest import ingest

    summary = ingest(sources=[str(_inbox_with_bad_files(tmp_path))])
    with clean_db.connect() as conn:
        flow_run_id = conn.execute(sa.text("SELECT flow_run_id FROM ingest_runs WHERE id = :id"),
                                   {"id": summary.run_id}).scalar_one()
        top = conn.execute(sa.text("SELECT speaker FROM who_said_what WHERE speaker IS NOT NULL "
                                   "GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT 1")).scalar_one()
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["mediamon-ingest"])),
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    assert len(artifacts) == 1 and artifacts[0].type == "table"
    rows = artifacts[0].data
    if isinstance(rows, str):
        import json

        rows = json.loads(rows)
    table = {r["metric"]: r["value"] for r in rows}
    assert table["inputs"] == str(summary.documents_seen)
    assert table["stored (new raw documents)"] == str(summary.documents_new)
    assert table["rejected: binary"] == "1" and table["rejected: empty"] == "1"
    assert table["articles written"] == str(summary.articles_written)
    assert table["quotes written"] == str(summary.quotes_written)
    assert table["top speaker 1"].startswith(top)


def test_status_shows_runs_prefect_ids_and_rejections_in_80_columns(clean_db, tmp_path):
    from flows.cli import app
    from flows.ingest import ingest

    ingest(sources=[str(_inbox_with_bad_files(tmp_path))])
    with clean_db.connect() as conn:
        flow_run_id = conn.execute(sa.text("SELECT flow_run_id FROM ingest_runs")).scalar_one()
    result = CliRunner().invoke(app, ["status"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80, "\n".join(line for line in lines if len(line) > 80)
    assert str(flow_run_id) in result.output
    assert any("binary" in line and " 1 " in f"{line} " for line in lines)
    run_lines = [line.split() for line in lines if line.split()[:2] == ["1", "ingest"]]
    assert run_lines and "completed" in run_lines[0]
