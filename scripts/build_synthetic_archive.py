#!/usr/bin/env python
"""Build a synthetic archive of N readouts for scale tests and benchmarks.

    .venv/bin/python scripts/build_synthetic_archive.py 100000 --seed 1
    .venv/bin/python scripts/build_synthetic_archive.py 100000 --clear   # replace an earlier synthetic archive
    .venv/bin/python scripts/build_synthetic_archive.py 0 --clear        # only remove the synthetic rows

It writes to the database that DATABASE_URL names, with the site's settings (config.settings,
or DJANGO_SETTINGS_MODULE). The generator lives in scripts/synthetic/, outside the site's code;
its command is a Django management command run from here, so its options, messages and exit
codes are those of any manage.py command (--help lists them).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from scripts.synthetic.command import Command

    # The first two items only name the program in the usage line.
    Command().run_from_argv(["python", "scripts/build_synthetic_archive.py", *(sys.argv[1:] if argv is None else argv)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
