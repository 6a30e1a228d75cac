"""The search index's tables, seen by the ORM only so that a search can join them to readouts.

Migrations 0005 and 0006 make each table on its own engine only (PostgreSQL's tsvector tables
there, SQLite's FTS5 table here); readouts.search writes them and is the only code that reads them.
Unmanaged, so that migrate, dumpdata and flush leave them alone (each engine's tables come from
the migrations' own SQL, and no export should carry the index), and without permissions:
editors never edit the index.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """PostgreSQL: one weighted tsvector per published readout, with a GIN index."""

    readout = models.OneToOneField(
        "Readout", primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="search_document"
    )
    document = SearchVectorField()

    class Meta:
        managed = False
        db_table = "readouts_search_document"
        default_permissions = ()


class SearchRanking(models.Model):
    """PostgreSQL: per published readout, a small tsvector of its title, names, topics and summary
    only, to rank by (readouts/search/postgres.py says why)."""

    readout = models.OneToOneField(
        "Readout", primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="search_ranking"
    )
    vector = SearchVectorField()

    class Meta:
        managed = False
        db_table = "readouts_search_ranking"
        default_permissions = ()


class MatchLookup(models.Lookup):
    """`fts_table MATCH expression`: a filter, so that the join to the FTS5 table stays an inner join."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", lhs_params + rhs_params


class FtsTableColumn(models.TextField):
    """An FTS5 table's hidden column named after the table: what MATCH and bm25() take."""


FtsTableColumn.register_lookup(MatchLookup)


class SearchText(models.Model):
    """SQLite: one row per published readout in an FTS5 table whose rowid is the readout's id."""

    readout = models.OneToOneField(
        "Readout",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_text",
    )
    table = FtsTableColumn(db_column="readouts_search_fts")

    class Meta:
        managed = False
        db_table = "readouts_search_fts"
        default_permissions = ()
