from django.apps import AppConfig


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts archive"

    def ready(self):
        from . import caching
        from .search import signals

        signals.connect()
        caching.connect()
