"""article_bands: its rows go with their article through a statement trigger, not a foreign key

Revision ID: e7c3a9d52b14
Revises: d2f6b8a41c07
Create Date: 2026-12-01 23:40:00

An article has 37 band rows, written by the loader in the transaction that writes the article. The foreign key
checked each of them on insert (one lookup and row lock of the article per band row: a third of a batch load's
time went there). Now a statement-level trigger on `articles` deletes the bands of the articles a DELETE
removes (one set-based DELETE per statement, from its transition table) and empties the table when `articles`
is truncated, so deleting an article still leaves no band behind. Nothing else writes bands; a band whose
article is gone would only name a candidate without a signature, which clustering ignores.
"""
from collections.abc import Sequence

from alembic import op

revision: str = "e7c3a9d52b14"
down_revision: str | None = "d2f6b8a41c07"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FK = "fk_article_bands_article_id_articles"


def upgrade() -> None:
    op.drop_constraint(FK, "article_bands", type_="foreignkey")
    op.execute("""
        CREATE FUNCTION article_bands_of_deleted_articles() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM article_bands b USING gone g WHERE b.article_id = g.id;
            RETURN NULL;
        END $$""")
    op.execute("""
        CREATE FUNCTION article_bands_of_truncated_articles() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM article_bands;
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER articles_delete_bands AFTER DELETE ON articles REFERENCING OLD TABLE AS gone "
               "FOR EACH STATEMENT EXECUTE FUNCTION article_bands_of_deleted_articles()")
    op.execute("CREATE TRIGGER articles_truncate_bands AFTER TRUNCATE ON articles "
               "FOR EACH STATEMENT EXECUTE FUNCTION article_bands_of_truncated_articles()")
    op.execute("COMMENT ON COLUMN article_bands.article_id IS 'The article (articles.id); its bands are deleted "
               "with it (trigger articles_delete_bands), not through a foreign key.'")


def downgrade() -> None:
    op.execute("DROP TRIGGER articles_truncate_bands ON articles")
    op.execute("DROP TRIGGER articles_delete_bands ON articles")
    op.execute("DROP FUNCTION article_bands_of_truncated_articles()")
    op.execute("DROP FUNCTION article_bands_of_deleted_articles()")
    op.execute("DELETE FROM article_bands b WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = b.article_id)")
    op.create_foreign_key(FK, "article_bands", "articles", ["article_id"], ["id"], ondelete="CASCADE")
    op.execute("COMMENT ON COLUMN article_bands.article_id IS 'The article (articles.id).'")
