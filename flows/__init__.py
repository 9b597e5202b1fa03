"""Prefect flows and the `mediamon` CLI (a thin layer over the flows)."""

import os

# Prefect's telemetry logs "database is locked" noise from its ephemeral server otherwise.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
