"""Pure extraction: page text -> records. No I/O anywhere in this package.

Entry point: `extract_page(text, source)` in extractors.pipeline.
"""
