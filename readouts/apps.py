from django.apps import AppConfig


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts archive"

    def ready(self):
        from . import appearances, caching
        from .search import signals

        signals.connect()
        appearances.connect()
        caching.connect()
