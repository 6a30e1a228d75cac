"""PostgreSQL: per indexed readout, a small second vector (title, names, topics, summary) to rank
by, in a table of its own: ranking a common word's results then reads these small rows, not every
readout's full vector, and finding them reads a table that stays small.

Readouts indexed before it rank as if nothing matched in their title, names or summary until
the index is rebuilt: run `manage.py rebuild_derived` after migrating."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE readouts_search_ranking (readout_id bigint PRIMARY KEY, vector tsvector NOT NULL)"
        )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS readouts_search_ranking")


class Migration(migrations.Migration):
    dependencies = [
        ("readouts", "0005_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchRanking",
            fields=[
                (
                    "readout",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_ranking",
                        serialize=False,
                        to="readouts.readout",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={"db_table": "readouts_search_ranking", "managed": False, "default_permissions": ()},
        ),
        migrations.RunPython(create_table, drop_table),
    ]
