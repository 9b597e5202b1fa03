"""Who said what: quote spans, cue verbs and speaker phrases, reported speech, interviews, names and
organisations, the canonical speakers of an article and its primary speaker (`analysis.analyse_speech`)."""
