from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts archive"

    def ready(self):
        from . import derived

        derived.connect()


class EditorsAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the editors' desk (editors_site.py) as its site."""

    default = False  # named in INSTALLED_APPS; the readouts app's own config stays ReadoutsConfig

    default_site = "readouts.editors_site.EditorsSite"
