"""Settings for scripts/benchmark.py only: the site's own settings, with a URLconf that adds a
minimal view (/_bench/hello/) to compare the pages' throughput with. The site never uses this."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
