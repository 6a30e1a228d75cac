"""What readers get while the database is down: requests a cached page and uncached searches
of a running site while a command stops the database for a few seconds, then counts the answers.

    .venv/bin/python scripts/outage.py http://127.0.0.1:8000 \
        --stop "pg_ctl -D DATA -m fast -w stop" --start "pg_ctl -D DATA -l LOG -w start"

Start the site with the page cache on (the default; DEBUG off to see the production 503 page).
Every answer for the cached page should be a 200; uncached searches a 503 while the database is
down and a 200 again once it is back, never a 500.
"""

import argparse
import collections
import shlex
import subprocess
import threading
import time
import urllib.error
import urllib.request


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return "no answer"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="the site's address, e.g. http://127.0.0.1:8000")
    parser.add_argument("--stop", required=True, help="a command that stops the database")
    parser.add_argument("--start", required=True, help="a command that starts it again")
    parser.add_argument("--down", type=float, default=5.0, help="seconds the database stays down")
    parser.add_argument("--requests", type=int, default=300, help="requests for the cached page")
    parser.add_argument("--page", default="/readouts/", help="the page to cache and request")
    options = parser.parse_args()

    for _ in range(4):  # into the cache of every worker, most likely
        status(options.base + options.page)

    def outage():
        time.sleep(1)
        subprocess.run(shlex.split(options.stop), check=True, capture_output=True, cwd="/")
        time.sleep(options.down)
        subprocess.run(shlex.split(options.start), check=True, capture_output=True, cwd="/")

    cached, uncached = collections.Counter(), collections.Counter()
    thread = threading.Thread(target=outage)
    thread.start()
    started = time.monotonic()
    for number in range(options.requests):
        cached[status(options.base + options.page)] += 1
        if number % 10 == 0:
            uncached[status(f"{options.base}/search/?q=ceasefire{number}")] += 1
        time.sleep(0.03)
    thread.join()
    print(f"{options.requests} requests for {options.page} in {time.monotonic() - started:.1f} s, "
          f"the database down for {options.down:g} s: {dict(cached)}")
    print(f"uncached searches meanwhile: {dict(uncached)}")


if __name__ == "__main__":
    main()
