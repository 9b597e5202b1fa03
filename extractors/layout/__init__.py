"""Page layout: normalise the text, tell the outlet, judge every line (header, furniture, body),
split digests into items, and read the fields: dates, titles, bylines, category, language."""
