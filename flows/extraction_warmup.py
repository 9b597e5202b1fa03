"""Preloaded by the extraction pool's forkserver (flows/extraction_pool.py): imports the extractors and datasketch,
then extracts one invented page, so that what every process builds on its first document (the language model,
compiled patterns, memo tables, MinHash permutations: ~1 s of CPU) is built once in the server and shared by the
workers it forks, instead of once per worker per run. Extraction is pure: a warmed worker makes the same pages.
"""

from __future__ import annotations

import datasketch  # noqa: F401  (models/clusters.py imports it lazily: scipy, 1-2 s a process)

from extractors.documents import Limits
from flows.extraction_pool import Job, extract_one

# An invented story (fictional people and places), long enough to be signed for clustering.
PAGE = """Ministry of Ecology opens a monitoring station in Dashkend

12 March 2025, 10:15

By Selim Orujlu

DASHKEND. The Ministry of Ecology opened a new air monitoring station in Dashkend on Wednesday, the ministry said.
"The station will report the air quality of the valley every hour, and the data will be public," Deputy Minister
Tahmina Gasimli told reporters at the opening. She added that two more stations would follow in the spring.
Local residents had asked for regular measurements since the cement plant near the town was expanded last year.
"""

extract_one(Job(0, PAGE.encode(), "text/plain", "warm-up.txt", None, Limits(), None))
