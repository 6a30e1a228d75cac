"""PostgreSQL: a GIN index on the ranking vectors, so that a search ranks only the readouts whose
title, names, topics or summary hold one of its words (every other readout found ranks 0), found
through the index, instead of reading and ranking every readout found (search/postgres.py)."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS readouts_search_ranking_gin ON readouts_search_ranking USING gin (vector)"
DROP = "DROP INDEX IF EXISTS readouts_search_ranking_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("readouts", "0010_person_appearance_readout_index"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
