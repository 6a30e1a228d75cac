"""Statements' earlier texts (the publisher changed them) and translations, and the date and
source of a changed statement's current text. Editors get every permission on the new models.
"""

import django.core.validators
import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ACTIONS = ("add", "change", "delete", "view")


def grant_editors(apps, schema_editor):
    using = schema_editor.connection.alias
    app_config = apps.get_app_config("readouts")
    app_config.models_module = True  # as in 0002: permissions do not exist yet on a fresh database
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in ("statementversion", "statementtranslation") for action in ACTIONS]
    permissions = Permission.objects.using(using).filter(content_type__app_label="readouts", codename__in=codenames)
    for group in Group.objects.using(using).filter(name="Editors"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('readouts', '0013_derived_counts'),
    ]

    operations = [
        migrations.AddField(
            model_name='statement',
            name='text_seen_on',
            field=models.DateField(blank=True, help_text='When the archive first saw this text, if the publisher changed an earlier one.', null=True, verbose_name='text seen on'),
        ),
        migrations.AddField(
            model_name='statement',
            name='text_source',
            field=models.ForeignKey(blank=True, help_text='Where the archive first saw this text, if the publisher changed an earlier one.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='current_texts', to='readouts.source', verbose_name='text seen at'),
        ),
        migrations.CreateModel(
            name='StatementVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(help_text='The earlier text, verbatim. Blank line between paragraphs.')),
                ('seen_on', models.DateField(help_text='When the archive (or the source) first saw this text.')),
                ('note', models.TextField(blank=True)),
                ('paragraph_ids', models.JSONField(blank=True, default=list, editable=False)),
                ('source', models.ForeignKey(blank=True, help_text='Where the archive saw this text.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='statement_versions', to='readouts.source')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='readouts.statement')),
            ],
            options={
                'verbose_name': 'earlier text',
                'ordering': ['seen_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='StatementTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(help_text="Language code of the translation, e.g. 'en'.", max_length=35, validators=[django.core.validators.RegexValidator('^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\\Z', "Enter a language code, e.g. 'en', 'uk' or 'zh-Hant'.")])),
                ('kind', models.CharField(choices=[('official', 'Official (by the issuer)'), ('archive', "The archive's own"), ('third_party', "A third party's")], max_length=20)),
                ('text', models.TextField(help_text='The translation, paragraph by paragraph as the original. Blank line between paragraphs.')),
                ('translator', models.CharField(blank=True, help_text='Who translated it, if not the issuer or the archive.', max_length=300)),
                ('note', models.TextField(blank=True)),
                ('source', models.ForeignKey(blank=True, help_text='Where the translation was published.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='statement_translations', to='readouts.source')),
                ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='readouts.statement')),
                ('version', models.ForeignKey(blank=True, help_text='Empty: a translation of the current text.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='readouts.statementversion', verbose_name='of the earlier text')),
            ],
            options={
                'ordering': ['language', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='statementversion',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='statement_version_has_text'),
        ),
        migrations.AddConstraint(
            model_name='statementtranslation',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['official', 'archive', 'third_party'])), name='translation_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='statementtranslation',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='translation_has_text'),
        ),
        migrations.AddConstraint(
            model_name='statementtranslation',
            constraint=models.CheckConstraint(condition=models.Q(('kind', 'third_party'), ('source', None), ('translator', ''), _negated=True), name='third_party_translation_says_whose'),
        ),
        migrations.AddConstraint(
            model_name='statementtranslation',
            constraint=models.UniqueConstraint(condition=models.Q(('version', None)), fields=('statement', 'language'), name='translation_language_unique', violation_error_message='This text already has a translation into this language.'),
        ),
        migrations.AddConstraint(
            model_name='statementtranslation',
            constraint=models.UniqueConstraint(condition=models.Q(('version', None), _negated=True), fields=('version', 'language'), name='version_translation_language_unique', violation_error_message='This text already has a translation into this language.'),
        ),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
