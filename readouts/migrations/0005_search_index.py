"""The full-text search index: on PostgreSQL a table of weighted tsvectors with a GIN index, on
SQLite an FTS5 table; on both, the facet values of each indexed readout. Each engine gets only
its own tables (readouts/models/search.py describes them to the ORM), and the index starts empty:
`manage.py rebuild_derived` fills it from the archive."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

POSTGRESQL = [
    """CREATE TABLE readouts_search_document (
        readout_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )""",
    # document @@ query, for every search.
    "CREATE INDEX readouts_search_document_gin ON readouts_search_document USING gin (document)",
    # The facet counts read the rows of the readouts found, by readout.
    """CREATE TABLE readouts_search_facet (
        readout_id bigint NOT NULL,
        facet varchar(20) NOT NULL,
        value varchar(200) NOT NULL,
        label varchar(300) NOT NULL,
        PRIMARY KEY (readout_id, facet, value)
    )""",
]

SQLITE = [
    # Column order matters: bm25() weights and highlight() name columns by position (sqlite.py).
    """CREATE VIRTUAL TABLE readouts_search_fts USING fts5(
        title, names, summary, body, extra, statements UNINDEXED,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TABLE readouts_search_facet (
        readout_id integer NOT NULL,
        facet varchar(20) NOT NULL,
        value varchar(200) NOT NULL,
        label varchar(300) NOT NULL,
        PRIMARY KEY (readout_id, facet, value)
    ) WITHOUT ROWID""",
]

TABLES = {
    "postgresql": ["readouts_search_document", "readouts_search_facet"],
    "sqlite": ["readouts_search_fts", "readouts_search_facet"],
}


def create_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(statement)


def drop_tables(apps, schema_editor):
    for table in TABLES.get(schema_editor.connection.vendor, []):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("readouts", "0004_synthetic_marks"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "readout",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="readouts.readout",
                    ),
                ),
                ("document", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": "readouts_search_document", "managed": False, "default_permissions": ()},
        ),
        migrations.CreateModel(
            name="SearchText",
            fields=[
                (
                    "readout",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_text",
                        serialize=False,
                        to="readouts.readout",
                    ),
                ),
                # The model's FtsTableColumn, a TextField with a MATCH lookup: that lookup only
                # matters to queries, and makemigrations does not compare unmanaged models' fields.
                ("table", models.TextField(db_column="readouts_search_fts")),
            ],
            options={"db_table": "readouts_search_fts", "managed": False, "default_permissions": ()},
        ),
        migrations.RunPython(create_tables, drop_tables),
    ]
