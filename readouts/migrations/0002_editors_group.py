"""The Editors group: staff who enter and correct readouts, with every permission on this app's
models and nothing else (no user or group management).

A model added later needs its permissions granted to the group in that model's own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def create_editors_group(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are normally created after `migrate` finishes (post_migrate); on a fresh
    # database they do not exist yet, so create this app's now. The migration state's app
    # config has no models module, which create_permissions takes to mean "no models".
    app_config = apps.get_app_config("readouts")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=using, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model._meta.model_name}" for model in app_config.get_models() for action in ACTIONS]
    permissions = Permission.objects.using(using).filter(content_type__app_label="readouts", codename__in=codenames)
    group, _ = Group.objects.using(using).get_or_create(name="Editors")
    group.permissions.set(permissions)


def delete_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("readouts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
