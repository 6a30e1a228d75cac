"""Former addresses of readouts, people, organizations and topics, and stable paragraph anchors.

Existing statements get the paragraph ids their pages already show (1 to n), so every anchor
published so far keeps pointing at its paragraph. Editors see former addresses (read-only, on
the owner's screen) and may delete them only with their owner.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

BATCH = 1000


def split_paragraphs(body):
    """As readouts.models.statements.split_paragraphs, frozen here as it was at this migration."""
    body = body.replace("\r\n", "\n").strip()
    parts = body.split("\n\n") if "\n\n" in body else body.split("\n")
    return [part.strip() for part in parts if part.strip()]


def number_paragraphs(apps, schema_editor):
    Statement = apps.get_model("readouts", "Statement")
    using = schema_editor.connection.alias
    batch = []
    for statement in Statement.objects.using(using).only("text", "summary").iterator(chunk_size=BATCH):
        count = len(split_paragraphs(statement.text if statement.text.strip() else statement.summary))
        statement.paragraph_ids, statement.last_paragraph_id = list(range(1, count + 1)), count
        batch.append(statement)
        if len(batch) == BATCH:
            Statement.objects.using(using).bulk_update(batch, ["paragraph_ids", "last_paragraph_id"])
            batch = []
    Statement.objects.using(using).bulk_update(batch, ["paragraph_ids", "last_paragraph_id"])


def grant_editors(apps, schema_editor):
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("readouts")
    app_config.models_module = True  # as in 0002: permissions do not exist yet on a fresh database
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(using).filter(
        content_type__app_label="readouts", codename__in=["view_formeraddress", "delete_formeraddress"]
    )
    for group in Group.objects.using(using).filter(name="Editors"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('readouts', '0006_search_ranking'),
        ('readouts', '0002_editors_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='statement',
            name='last_paragraph_id',
            field=models.PositiveIntegerField(default=0, editable=False, help_text='The highest paragraph number ever given: never given again.'),
        ),
        migrations.AddField(
            model_name='statement',
            name='paragraph_ids',
            field=models.JSONField(blank=True, default=list, editable=False, help_text="Each paragraph's number in its anchor, in order."),
        ),
        migrations.CreateModel(
            name='FormerAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('path', models.CharField(help_text="The address, from the site's root, e.g. '/people/old-slug/'.", max_length=500, unique=True)),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='readouts.organization')),
                ('person', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='readouts.person')),
                ('readout', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='readouts.readout')),
                ('topic', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='readouts.topic')),
            ],
            options={
                'verbose_name_plural': 'former addresses',
                'default_permissions': ('view', 'delete'),
                'ordering': ['path'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('organization', None), ('person', None), ('readout__isnull', False), ('topic', None)), models.Q(('organization', None), ('person__isnull', False), ('readout', None), ('topic', None)), models.Q(('organization__isnull', False), ('person', None), ('readout', None), ('topic', None)), models.Q(('organization', None), ('person', None), ('readout', None), ('topic__isnull', False)), _connector='OR'), name='former_address_has_one_owner'), models.CheckConstraint(condition=models.Q(('path__startswith', '/')), name='former_address_is_a_path')],
            },
        ),
        migrations.RunPython(number_paragraphs, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
