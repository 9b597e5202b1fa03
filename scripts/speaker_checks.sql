-- Quality of the speakers table, one figure a line (psql "$URL" -f scripts/speaker_checks.sql).
-- A bad alias is an article-local reference ("the minister", "The company"), a bare name word or a
-- title with one ("Beridze", "President Aliyev"), or an alias held by two speakers.
WITH a AS (SELECT s.id, s.kind, s.canonical_name, x AS alias FROM speakers s, unnest(s.aliases) AS x)
SELECT 'speakers' AS check, count(*) AS n FROM speakers
UNION ALL SELECT 'aliases', count(*) FROM a
UNION ALL SELECT 'aliases starting with the/The (article-local references)', count(*) FROM a WHERE alias ~* '^the\s'
UNION ALL SELECT 'person aliases of one name word (a bare surname)', count(*) FROM a
  WHERE kind = 'person' AND alias !~ '\s'
UNION ALL SELECT 'person aliases: title + one name word', count(*) FROM a
  WHERE kind = 'person' AND alias ~ '^\S+(\s\S+)*\s\S+$' AND alias !~* '^the\s'
    AND NOT EXISTS (SELECT 1 FROM unnest(string_to_array(alias, ' ')) w, unnest(string_to_array(canonical_name, ' ')) c
                    WHERE lower(w) = lower(c) AND c <> split_part(canonical_name, ' ', array_length(string_to_array(canonical_name, ' '), 1)))
    AND split_part(alias, ' ', array_length(string_to_array(alias, ' '), 1)) =
        split_part(canonical_name, ' ', array_length(string_to_array(canonical_name, ' '), 1))
UNION ALL SELECT 'aliases held by two or more speakers', count(*) FROM
  (SELECT alias FROM a GROUP BY alias HAVING count(DISTINCT id) > 1) d
UNION ALL SELECT 'ascii canonical names with a diacritic alias of the same letters', count(*) FROM speakers s
  WHERE s.canonical_name ~ '^[ -~]*$' AND EXISTS (SELECT 1 FROM unnest(s.aliases) x
    WHERE x !~ '^[ -~]*$' AND lower(translate(x, 'ğçışöüəáóéíúñšžčćłİĞÇŞÖÜƏÁÓÉ', 'gcisoueaoeiunszccliGCSOUEAOE'))
        = lower(s.canonical_name))
UNION ALL SELECT 'acronym speakers stored as persons', count(*) FROM speakers
  WHERE canonical_name ~ '^[A-Z][A-Z&]{1,7}$' AND kind = 'person';
