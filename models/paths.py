"""Where mediamon keeps its data by default; no heavy imports (the thin CLI client reads it too)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir


def default_data_dir() -> Path:
    """Where the embedded PostgreSQL keeps its data.

    pgserver, run as root, creates an OS user and opens permissions on the data dir's parents,
    so as root the data never goes under /root: it goes to /var/lib/mediamon instead.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/mediamon")
    return Path(user_data_dir("mediamon", appauthor=False))
