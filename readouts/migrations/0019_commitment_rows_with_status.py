from django.db import migrations, models

# The commitments' appearance rows of the archive as it stands, frozen here as readouts/derived.py
# writes them when this was written: each actor's published commitments with their status and due
# date; an organization's include those of every body inside it, at any depth.
DERIVE = [
    "DELETE FROM readouts_personcommitment",
    """INSERT INTO readouts_personcommitment (person_id, commitment_id, readout_id, date, position, status, due_date)
SELECT a.person_id, c.id, c.readout_id, r.date, c.position, c.status, c.due_date
FROM readouts_commitment_actor_people a
JOIN readouts_commitment c ON c.id = a.commitment_id
JOIN readouts_readout r ON r.id = c.readout_id AND r.status = 'published'""",
    "DELETE FROM readouts_organizationcommitment",
    """INSERT INTO readouts_organizationcommitment (organization_id, commitment_id, readout_id, date, position, status, due_date)
WITH RECURSIVE within (organization_id, body_id) AS (
    SELECT id, id FROM readouts_organization
    UNION
    SELECT o.parent_id, within.body_id FROM readouts_organization o JOIN within ON o.id = within.organization_id
    WHERE o.parent_id IS NOT NULL
)
SELECT DISTINCT within.organization_id, c.id, c.readout_id, r.date, c.position, c.status, c.due_date
FROM readouts_commitment_actor_organizations a
JOIN within ON within.body_id = a.organization_id
JOIN readouts_commitment c ON c.id = a.commitment_id
JOIN readouts_readout r ON r.id = c.readout_id AND r.status = 'published'""",
]

# The newest updates first, undated ones last (models.CommitmentUpdate.Meta says why).
NEWEST = {
    "postgresql": '("date" DESC NULLS LAST, "id" DESC)',
    "sqlite": '("date" DESC, "id" DESC)',  # SQLite's NULLs sort first, so last when descending
}


def newest_updates_index(apps, schema_editor):
    columns = NEWEST.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(f"CREATE INDEX commitment_update_newest_idx ON readouts_commitmentupdate {columns}")


def drop_newest_updates_index(apps, schema_editor):
    if schema_editor.connection.vendor in NEWEST:
        schema_editor.execute("DROP INDEX commitment_update_newest_idx")


class Migration(migrations.Migration):

    dependencies = [
        ('readouts', '0018_organization_pairs'),
    ]

    operations = [
        migrations.AddField(
            model_name='personcommitment',
            name='status',
            field=models.CharField(default='', max_length=30),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='personcommitment',
            name='due_date',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='organizationcommitment',
            name='status',
            field=models.CharField(default='', max_length=30),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='organizationcommitment',
            name='due_date',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='personcommitment',
            index=models.Index(fields=['person', 'status', 'due_date'], name='person_commitment_status_idx'),
        ),
        migrations.AddIndex(
            model_name='organizationcommitment',
            index=models.Index(fields=['organization', 'status', 'due_date'], name='org_commitment_status_idx'),
        ),
        migrations.RunPython(newest_updates_index, drop_newest_updates_index),
        migrations.RunSQL(DERIVE, reverse_sql=migrations.RunSQL.noop),
    ]
