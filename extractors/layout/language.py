"""The language of an article body, by py3langid (its model ships inside the package: no download)."""

from __future__ import annotations

import py3langid

MIN_CHARS = 40  # shorter texts give unreliable guesses
SAMPLE_CHARS = 3000  # enough for a stable answer, bounded cost on long bodies


def detect_language(text: str) -> tuple[str | None, str]:
    """(ISO 639-1 code or None, the rule that decided)."""
    sample = text.strip()[:SAMPLE_CHARS]
    if len(sample) < MIN_CHARS:
        return None, "none:too-short"
    code, _score = py3langid.classify(sample)
    return code, "py3langid"
