"""The WSGI application the app servers (gunicorn) load: `config.wsgi:application`."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# What is loaded by now (Django, the apps, their modules: 80,000 objects) lives as long as the
# process: kept out of the garbage collector's full collections, which otherwise walked it all
# and added 40-60 ms to a request now and then. Python's documentation advises it before a
# server forks its workers, whose memory pages then stay shared.
gc.freeze()
