"""Settings for scripts/observatory.py only: the site's own production settings, with the
redirect from plain HTTP naming the TLS port, as the scan runs on two local ports rather than
80 and 443. The site never uses this."""

import os

from config.settings import *  # noqa: F403

SECURE_SSL_HOST = f"localhost:{os.environ['OBSERVATORY_HTTPS_PORT']}"
