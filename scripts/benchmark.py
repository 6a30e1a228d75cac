"""Measure the public pages on a synthetic archive of 10,000 and 100,000 readouts (issue 3).

    .venv/bin/python scripts/benchmark.py [--sizes 10000,100000] [--engines sqlite,postgresql]
                                          [--requests 50] [--write-docs]

For each engine and size it builds a synthetic archive (scripts/build_synthetic_archive.py) into a fresh
database: a SQLite file under /tmp/readouts-bench/, or a database in a throwaway PostgreSQL
cluster that it starts itself on a free port (as root, like .ci/run) unless BENCH_DATABASE_URL
names a PostgreSQL database to use instead, where `{size}` is replaced by the size (e.g.
postgres://bench:bench@127.0.0.1:5433/bench_{size}; its synthetic rows are replaced, and real
readouts there make the build refuse; with --reuse-db an archive of the right size is kept). Then:

- in-process, with Django's test Client (server time only, DEBUG off): each page's median and
  95th-percentile time over --requests requests, varying the readout, person, organization,
  topic, month or search words across requests, and its number of SQL queries; the progress
  lines also give the measuring process's CPU time per request, which other jobs on a shared
  machine do not inflate (with SQLite in-process it includes the database's work);
- under gunicorn (2 sync workers, DEBUG off) with wrk on loopback (-t2 -c16, --wrk-seconds each):
  requests per second for a readout page, the list and a search, next to a minimal view
  (/_bench/hello/, in scripts/bench_urls.py only) measured in the same run.

It prints a Markdown report (and writes it to docs/benchmarks.md with --write-docs) with the
machine, the date, the command, the targets and every miss marked. It is not a test: it takes
minutes (the 100,000-readout archives take most of that) and needs wrk (apt-get install wrk).
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
WORK = Path("/tmp/readouts-bench")
DOCS = REPO / "docs" / "benchmarks.md"
NOTES_MARKER = "<!-- Notes: written by hand; scripts/benchmark.py --write-docs keeps everything below this line. -->"

# Targets, in milliseconds at the 95th percentile, on PostgreSQL; SQLite may take twice as long.
PAGE_TARGET_MS, SEARCH_TARGET_MS, SQLITE_FACTOR = 50, 100, 2
THROUGHPUT_TARGET = 0.5  # the readout page's requests/s, as a share of the minimal view's

PAGES = [
    ("home", "Home"),
    ("home_after_edit", "Home, first request after an edit"),
    ("list", "Readout list"),
    ("list_filtered", "List, two filters (country + topic)"),
    ("list_page_2000", "List, page 2,000 (or the last)"),
    ("month", "Month archive"),
    ("readout", "Readout"),
    ("compare", "Compare two statements"),
    ("person", "Person"),
    ("person_list", "People list (its pages in turn)"),
    ("organization", "Organization (country)"),
    ("relation", "Relations of two countries"),
    ("relation_after_edit", "Relations of two countries, after an edit elsewhere"),
    ("topic", "Topic"),
    ("commitment", "Commitment"),
    ("tracker_filtered", "Commitment tracker, one filter (country)"),
    ("tracker_table", "Who committed what (table)"),
    ("search_common", "Search: a common word"),
    ("search_rare", "Search: a rare word"),
    ("search_phrase", "Search: a phrase"),
    ("search_name_variant", "Search: a name variant"),
    ("search_filtered", "Search + two filters"),
]
LOAD_PAGES = [
    ("hello", "Minimal Django view"),
    ("readout", "Readout"),
    ("list", "Readout list"),
    ("search", "Search"),
    ("readout_fresh", "Readout, rendered afresh (page cache bypassed)"),
]
# A session cookie makes the reader page cache step aside (readouts/middleware.py), as for an editor.
BYPASS_PAGE_CACHE = {"readout_fresh": {"Cookie": "sessionid=benchmark"}}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="Archive sizes, comma-separated (default 10000,100000).")
    parser.add_argument("--engines", default="sqlite,postgresql", help="sqlite, postgresql or both (default both).")
    parser.add_argument("--requests", type=int, default=50, help="Requests per page in-process (default 50).")
    parser.add_argument("--seed", type=int, default=1, help="The synthetic archive's seed (default 1).")
    parser.add_argument("--wrk-seconds", type=int, default=10, help="Duration of each wrk run (default 10).")
    parser.add_argument("--no-load", action="store_true", help="Skip gunicorn and wrk.")
    parser.add_argument(
        "--pages", help="Measure only these pages, comma-separated: " + ",".join(key for key, _ in PAGES) + "."
    )
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="Keep and reuse a database that already holds the archive of that size (skips the build).",
    )
    parser.add_argument("--write-docs", action="store_true", help=f"Also write the report to {DOCS.relative_to(REPO)}.")
    parser.add_argument("--measure", metavar="JSON", help=argparse.SUPPRESS)  # internal: one in-process run
    args = parser.parse_args()
    if args.measure:
        return measure_in_process(json.loads(args.measure))

    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    engines = [engine.strip() for engine in args.engines.split(",") if engine.strip()]
    for engine in engines:
        if engine not in ("sqlite", "postgresql"):
            parser.error(f"unknown engine {engine!r}")
    command = " ".join([".venv/bin/python scripts/benchmark.py", *sys.argv[1:]])
    WORK.mkdir(parents=True, exist_ok=True)
    env = base_env()
    collect_static(env)
    results, machine = [], machine_facts()
    for engine in engines:
        with database_server(engine, reuse=args.reuse_db) as server:
            if server.get("version"):
                machine["PostgreSQL"] = server["version"]
            for size in sizes:
                log(f"== {engine}, {size:,} readouts")
                result = run_one(engine, size, server, env, args)
                results.append(result)
                report = render_report(results, machine, command, args)
                (WORK / "report-partial.md").write_text(report)
    report = render_report(results, machine, command, args)
    print(report)
    if args.write_docs:
        # What follows the notes marker in the existing file (the analysis of the figures) is kept.
        notes = DOCS.read_text().partition(NOTES_MARKER)[2] if DOCS.exists() else ""
        DOCS.write_text(report + (f"\n{NOTES_MARKER}{notes}" if notes else ""))
        log(f"Wrote {DOCS.relative_to(REPO)}.")


def log(message):
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# ---- environment -----------------------------------------------------------------------------


def base_env():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback
        STATIC_ROOT=str(WORK / "static"),
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="60",
        PYTHONPATH=str(REPO),
    )
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [str(PYTHON), "manage.py", *args], cwd=REPO, env=env, check=True, text=True,
        stdout=subprocess.PIPE if capture else None,
    )


def build_synthetic_archive(env, *args):
    return subprocess.run(
        [str(PYTHON), "scripts/build_synthetic_archive.py", *args], cwd=REPO, env=env, check=True, text=True,
        stdout=subprocess.PIPE,
    )


def collect_static(env):
    manage({**env, "DATABASE_URL": f"sqlite:///{WORK / 'static.sqlite3'}"}, "collectstatic", "--no-input", "-v", "0")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_facts():
    import sqlite3

    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    django_version = subprocess.run(
        [str(PYTHON), "-c", "import django; print(django.get_version())"], text=True, capture_output=True, check=True
    ).stdout.strip()
    sqlite_version = subprocess.run(
        [str(PYTHON), "-c", "import sqlite3; print(sqlite3.sqlite_version)"], text=True, capture_output=True, check=True
    ).stdout.strip()
    return {
        "CPU": f"{cpu} ({os.cpu_count()} cores, nproc {len(os.sched_getaffinity(0))})",
        "Memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django_version,
        "SQLite": sqlite_version or sqlite3.sqlite_version,
    }


class database_server:
    """SQLite: nothing to start. PostgreSQL: BENCH_DATABASE_URL, or a throwaway cluster (ci-recipes.md)."""

    def __init__(self, engine, reuse=False):
        self.engine, self.reuse, self.info = engine, reuse, {"engine": engine}

    def __enter__(self):
        if self.engine == "sqlite":
            return self.info
        url = os.environ.get("BENCH_DATABASE_URL")
        if url:
            self.info.update(url=url, version=self._psql_version(url))
            return self.info
        if os.geteuid() != 0:
            raise SystemExit("Starting a throwaway PostgreSQL needs root (runuser); or set BENCH_DATABASE_URL.")
        bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
        if not bins:
            raise SystemExit("PostgreSQL is not installed: apt-get install -y postgresql (or set BENCH_DATABASE_URL).")
        self.bin = bins[-1]
        self.dir = Path(tempfile.mkdtemp(prefix="pg-", dir=WORK))
        self.dir.chmod(0o755)
        self.data, self.sock, self.port = self.dir / "data", self.dir / "sock", free_port()
        subprocess.run(["install", "-d", "-o", "postgres", "-g", "postgres", "-m", "700", self.data, self.sock], check=True)
        self._as_postgres(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
            quiet=True,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sock} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._as_postgres("pg_ctl", "-D", self.data, "-l", self.data / "server.log", "-w", "-o", options, "start", quiet=True)
        self.started = True
        self.psql("CREATE ROLE bench WITH LOGIN CREATEDB PASSWORD 'bench'")
        version = re.search(r"\d+\.\d+", subprocess.run([self.bin / "postgres", "--version"], text=True, capture_output=True).stdout).group()
        self.info.update(cluster=self, version=version, port=self.port)
        log(f"PostgreSQL {version} started on 127.0.0.1:{self.port}")
        return self.info

    def __exit__(self, *exc):
        if getattr(self, "started", False):
            self._as_postgres("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", quiet=True)
            shutil.rmtree(self.dir, ignore_errors=True)

    def _as_postgres(self, program, *args, quiet=False):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / program), *map(str, args)],
            cwd="/", check=True, stdout=subprocess.DEVNULL if quiet else None,
        )

    def psql(self, *statements):
        commands = [arg for sql in statements for arg in ("-c", sql)]
        self._as_postgres("psql", "-h", self.sock, "-p", self.port, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", *commands)

    def database_url(self, size):
        name = f"bench_{size}"
        self.psql("SET client_min_messages = warning", f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} OWNER bench")
        return f"postgres://bench:bench@127.0.0.1:{self.port}/{name}"

    @staticmethod
    def _psql_version(url):
        code = (
            "import psycopg, sys; c = psycopg.connect(sys.argv[1], dbname='postgres'); "
            "print(c.execute('show server_version').fetchone()[0])"
        )
        url = url.replace("{size}", "")
        return subprocess.run([str(PYTHON), "-c", code, url], text=True, capture_output=True, check=True).stdout.split()[0]


# ---- one engine and size -----------------------------------------------------------------------


def run_one(engine, size, server, env, args):
    result = {"engine": engine, "size": size}
    if engine == "sqlite":
        path = WORK / f"sqlite-{size}.sqlite3"
        url = f"sqlite:///{path}"
        if not args.reuse_db:
            for leftover in WORK.glob(f"sqlite-{size}.sqlite3*"):
                leftover.unlink()
    elif "cluster" in server:
        url = server["cluster"].database_url(size)
    else:
        url = server["url"].replace("{size}", str(size))
    env = {**env, "DATABASE_URL": url}
    manage(env, "migrate", "--no-input", "-v", "0")
    existing = int(
        manage(env, "shell", "-v", "0", "-c", "from readouts.models import Readout; print(Readout.objects.filter(is_synthetic=True).count())", capture=True)
        .stdout.strip() or 0
    )
    if args.reuse_db and existing == size:
        log(f"reusing the archive of {size:,} readouts already in the database")
        result["build"] = {"reused": True}
    else:
        started = time.monotonic()
        output = build_synthetic_archive(env, str(size), "--seed", str(args.seed), "--clear").stdout
        result["build"] = {"total_s": time.monotonic() - started, "log": output}
        for key, pattern in (("archive_s", r"Built [\d,]+ synthetic readouts in ([\d.]+) s"), ("index_s", r"Rebuilt the search index in ([\d.]+) s")):
            match = re.search(pattern, output)
            if match:
                result["build"][key] = float(match.group(1))
        log(f"built in {result['build']['total_s']:.0f} s")
    if engine == "postgresql":
        started = time.monotonic()
        manage(env, "shell", "-v", "0", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')")
        result["analyze_s"] = time.monotonic() - started
    result["db_size"] = database_size(env, engine)
    log("measuring in-process")
    result["load_before"] = os.getloadavg()[0]
    measured = subprocess.run(
        [str(PYTHON), str(Path(__file__)), "--measure", json.dumps({"requests": args.requests, "seed": args.seed, "pages": args.pages})],
        # Every request renders its page: what a reader meets after an edit, or on a page nobody has
        # asked for since. The figures' cache stays on (the warm-up request fills it).
        cwd=REPO, env={**env, "READOUTS_PAGE_CACHE": "false"}, check=True, text=True, stdout=subprocess.PIPE,
    )
    result.update(json.loads(measured.stdout))
    result["load_after"] = os.getloadavg()[0]
    if not args.no_load:
        log("measuring throughput under gunicorn with wrk")
        result["load"] = load_test(env, result["load_paths"], args.wrk_seconds)
    return result


def database_size(env, engine):
    code = (
        "from django.db import connection; c = connection.cursor(); "
        + (
            "c.execute('select pg_database_size(current_database())'); print(c.fetchone()[0])"
            if engine == "postgresql"
            else "c.execute('pragma page_count'); n = c.fetchone()[0]; c.execute('pragma page_size'); print(n * c.fetchone()[0])"
        )
    )
    return int(manage(env, "shell", "-v", "0", "-c", code, capture=True).stdout.strip())


# ---- in-process measurement (runs in a subprocess with DATABASE_URL set) ---------------------------


def measure_in_process(options):
    import random

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(REPO))
    # As the app servers start: config.wsgi sets Django up and freezes what it loaded.
    import config.wsgi  # noqa: F401
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from django.db.models import Count

    from readouts.comparison import compare_url
    from readouts.models import Commitment, OrganizationAppearance, Participant, Person, Readout, Statement
    from readouts.views.people import PEOPLE_PER_PAGE
    from scripts.synthetic import text

    # No setup_test_environment(): its template instrumentation would copy every context and
    # slow the pages down. ALLOWED_HOSTS includes the test Client's 'testserver'.
    rng = random.Random(options["seed"])
    requests = options["requests"]
    published = Readout.objects.published()
    topic_tags = Readout.topics.through.objects.filter(readout__in=published.values("pk"))
    org_tags = Readout.organizations.through.objects.filter(
        readout__in=published.values("pk"), organization__kind="country"
    )

    def sample(queryset, count):
        """`count` rows picked at random (by position in a stable order), repeating if there are fewer."""
        total = queryset.count()
        picks = [rng.randrange(total) for _ in range(count)] if total else []
        return [queryset[pick] for pick in picks]

    # Popular pages are requested more often: people, organizations and topics are picked through
    # their readouts (a participant, an organization tag, a topic tag), readouts uniformly.
    readouts = sample(published.order_by("pk"), requests)
    people = [p.person for p in sample(Participant.objects.filter(readout__in=published.values("pk")).select_related("person").order_by("pk"), requests)]
    organizations = [t.organization for t in sample(org_tags.select_related("organization").order_by("pk"), requests)]
    topics = [t.topic for t in sample(topic_tags.select_related("topic").order_by("pk"), requests)]
    commitments = sample(Commitment.objects.published().order_by("pk"), requests)
    # The first two statements of readouts that have two or more (about half of them).
    compared = [
        (readout, *Statement.objects.filter(readout=readout).values_list("pk", flat=True)[:2])
        for readout in sample(published.alias(n=Count("statements")).filter(n__gte=2).order_by("pk"), requests)
    ]
    filter_pairs = [
        (o.organization.slug, t.topic.slug)
        for o, t in (
            (
                org_tags.filter(readout=readout).select_related("organization").first(),
                topic_tags.filter(readout=readout).select_related("topic").first(),
            )
            for readout in readouts
        )
        if o and t
    ]
    # Pairs of countries through their readouts too: the first two countries a random readout
    # lists (the most frequent pairs, such as the US and Russia, come up most often).
    country_pairs = [
        sorted(org_tags.filter(readout=readout).order_by("pk").values_list("organization__slug", flat=True)[:2])
        for readout in readouts
    ]
    country_pairs = [pair for pair in country_pairs if len(pair) == 2]
    variants = [
        (person, person.alternate_name_list[0])
        for person in sample(Person.objects.exclude(alternate_names="").order_by("pk"), requests)
    ]
    per_page = settings.READOUTS_PER_PAGE
    last_page = max(1, -(-published.count() // per_page))
    list_url = reverse("readouts:readout_list")
    people_url = reverse("readouts:person_list")
    tracker_url = reverse("readouts:commitment_list")
    people_pages = max(1, -(-Person.objects.count() // PEOPLE_PER_PAGE))
    common_words = ["cooperation", "security", "dialogue", "agreement", "ceasefire", "energy", "sanctions", "trade"]
    phrases = text.PHRASES[20:30]

    try:
        search_url = reverse("readouts:search")
    except NoReverseMatch:
        search_url = None

    def after_edits(client, visits, warm=False):
        """A page's first request after an edit, for each (url, readout) of `visits`: the readout
        (a published one) saved again, as an editor's save would, in its own transaction, then
        the page: what the next reader waits for while whatever an edit makes stale is computed
        again. With `warm`, the page is requested once before the edit, so that what the edit
        leaves standing counts."""
        from django.db import transaction

        times, edits, statuses, queries = [], [], set(), 0
        budget = time.monotonic() + 60
        for url, readout in visits:
            if warm:
                client.get(url)
            started = time.perf_counter()
            with transaction.atomic():
                readout.save()
            edits.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            queries = max(queries, len([q for q in captured.captured_queries if "readouts_archiveedition" not in q["sql"]]))
            statuses.add(response.status_code)
            if time.monotonic() > budget and len(times) >= 5 or len(times) >= 20:
                break
        print(f"  edits (save and commit): median {statistics.median(edits):.1f} ms", file=sys.stderr, flush=True)
        times.sort()
        return {
            "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "max_ms": times[-1],
            "first_ms": times[0],
            "n": len(times),
            "queries": queries,
            "statuses": sorted(statuses),
            "example": visits[0][0],
            "bytes": len(response.content),
            "edit_median_ms": statistics.median(edits),
        }

    def elsewhere(pair):
        """A readout of the sample that is not of both countries of this pair."""
        for readout in readouts:
            slugs = set(OrganizationAppearance.objects.filter(readout=readout).values_list("organization__slug", flat=True))
            if not set(pair) <= slugs:
                return readout
        return readouts[0]

    def cycle(items, fn):
        return [fn(items[i % len(items)], i) for i in range(requests)] if items else []

    urls = {
        "home": [reverse("readouts:home")] * requests,
        "home_after_edit": [reverse("readouts:home")],
        "list": [list_url] * requests,
        "list_filtered": cycle(filter_pairs, lambda pair, i: f"{list_url}?organization={pair[0]}&topic={pair[1]}"),
        "list_page_2000": [f"{list_url}?page={min(2000, last_page)}"] * requests,
        "month": cycle(readouts, lambda r, i: reverse("readouts:month_archive", args=[r.date.year, r.date.month])),
        "readout": [r.get_absolute_url() for r in readouts],
        "compare": [compare_url(readout, a, b) for readout, a, b in compared],
        "person": [p.get_absolute_url() for p in people],
        "person_list": cycle(list(range(1, people_pages + 1)), lambda n, i: f"{people_url}?page={n}"),
        "organization": [o.get_absolute_url() for o in organizations],
        "relation": [reverse("readouts:relation_detail", args=pair) for pair in country_pairs],
        # Each pair again after an edit to a readout of neither country.
        "relation_after_edit": [
            (reverse("readouts:relation_detail", args=pair), elsewhere(pair)) for pair in country_pairs[:20]
        ],
        "topic": [t.get_absolute_url() for t in topics],
        "commitment": [c.get_absolute_url() for c in commitments],
        # The tallies and list of a country's commitments (its bodies' included), computed live.
        "tracker_filtered": [f"{tracker_url}?organization={o.slug}" for o in organizations],
        # The whole archive's table: computed once per edition and day (readouts.tracker).
        "tracker_table": [reverse("readouts:commitment_table")] * requests,
    }
    if search_url:
        urls.update(
            search_common=cycle(common_words, lambda w, i: f"{search_url}?q={w}"),
            search_rare=cycle(text.RARE_WORDS, lambda w, i: f"{search_url}?q={w}"),
            search_phrase=cycle(phrases, lambda p, i: f'{search_url}?q="{p}"'.replace(" ", "+")),
            search_name_variant=cycle(variants, lambda v, i: f"{search_url}?q={v[1]}".replace(" ", "+")),
            search_filtered=cycle(
                list(zip(common_words * 10, filter_pairs)),
                lambda wp, i: f"{search_url}?q={wp[0]}&organization={wp[1][0]}&topic={wp[1][1]}",
            ),
        )

    client = Client()
    pages = {}
    only = options.get("pages") and options["pages"].split(",")
    for key, _ in PAGES:
        if only and key not in only:
            pages[key] = {"na": "not measured"}
            continue
        if key not in urls:
            pages[key] = {"na": "no search page" if key.startswith("search") else "no objects"}
            continue
        page_urls = urls[key]
        if not page_urls:
            pages[key] = {"na": "no objects"}
            continue
        if key == "home_after_edit":
            pages[key] = after_edits(client, [(page_urls[0], readout) for readout in readouts])
            continue
        if key == "relation_after_edit":
            pages[key] = after_edits(client, page_urls, warm=True)
            continue
        started = time.perf_counter()
        client.get(page_urls[0])  # warm up: templates, connection, the figures' cache
        first_ms = (time.perf_counter() - started) * 1000
        # Queries: the most of twenty requests, so that both sizes meet the fullest shapes (a readout
        # with discrepancy versions, a commitment with updates: Django skips an empty prefetch).
        queries, statuses, times = 0, set(), []
        for url in dict.fromkeys(page_urls[:20]):  # distinct addresses only
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            # The edition check (readouts/caching.py) runs at most once a second per process, so
            # whether a request makes it depends on the clock, not the page: not counted.
            counted = [q for q in captured.captured_queries if "readouts_archiveedition" not in q["sql"]]
            queries = max(queries, len(counted))  # now: the next request clears the query log
            statuses.add(response.status_code)
        budget = time.monotonic() + 60  # a page that takes seconds is measured fewer times
        cpu_times = []  # this process's CPU time: what other jobs on the machine do not inflate
        for url in page_urls:
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
            statuses.add(response.status_code)
            if time.monotonic() > budget and len(times) >= 5:
                break
        times.sort()
        cpu_times.sort()
        pages[key] = {
            "median_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "cpu_median_ms": statistics.median(cpu_times),
            "cpu_p95_ms": cpu_times[min(len(cpu_times) - 1, round(0.95 * (len(cpu_times) - 1)))],
            "max_ms": times[-1],
            "first_ms": first_ms,
            "n": len(times),
            "queries": queries,
            "statuses": sorted(statuses),
            "example": page_urls[0],
            "bytes": len(response.content),
        }
        print(
            f"  {key:22} median {pages[key]['median_ms']:8.1f} ms  p95 {pages[key]['p95_ms']:8.1f} ms  "
            f"(CPU {pages[key]['cpu_median_ms']:.1f} / {pages[key]['cpu_p95_ms']:.1f} ms)  {queries:3} queries  {sorted(statuses)}",
            file=sys.stderr,
            flush=True,
        )
    load_paths = {
        "hello": ["/_bench/hello/"],
        "readout": urls["readout"],
        "readout_fresh": urls["readout"],
        "list": [list_url],
        "search": urls.get("search_common", []),
    }
    counts = {
        "readouts": Readout.objects.count(),
        "published": published.count(),
        "people": Person.objects.count(),
    }
    print(json.dumps({"pages": pages, "load_paths": load_paths, "counts": counts}))


# ---- gunicorn and wrk --------------------------------------------------------------------------


def load_test(env, paths, seconds):
    wrk = shutil.which("wrk")
    if not wrk:
        return {"na": "wrk is not installed (apt-get install -y wrk)"}
    port = free_port()
    server_env = {**env, "DJANGO_SETTINGS_MODULE": "scripts.bench_settings"}
    server = subprocess.Popen(
        [str(GUNICORN), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--no-control-socket", "--log-level", "warning"],
        cwd=REPO, env=server_env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/_bench/hello/")
        results = {}
        for key, _ in LOAD_PAGES:
            if not paths.get(key):
                results[key] = {"na": "no search page" if key == "search" else "no path"}
                continue
            for path in set(paths[key]):
                fetch(base + path)  # warm both workers' caches a little
            script = WORK / f"wrk-{key}.lua"
            quoted = ", ".join(json.dumps(path) for path in paths[key])
            headers = ", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in BYPASS_PAGE_CACHE.get(key, {}).items())
            script.write_text(
                f"local paths = {{{quoted}}}\nlocal headers = {{{headers}}}\nlocal i = 0\n"
                "request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i], headers)\nend\n"
            )
            run = subprocess.run(
                [wrk, "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base],
                text=True, capture_output=True,
            )
            results[key] = parse_wrk(run.stdout)
            log(f"  {key:10} {results[key].get('rps', 0):8.1f} requests/s")
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url):
    for _ in range(100):
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url}")


def fetch(url):
    import urllib.request

    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def parse_wrk(output):
    result = {}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = float(match.group(1)) if match else 0.0
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors:.*timeout (\d+)", output)
    result["timeouts"] = int(match.group(1)) if match else 0
    match = re.search(r"Latency\s+([\d.]+\w+)", output)
    result["latency_avg"] = match.group(1) if match else "?"
    match = re.search(r"(\d+) requests in", output)
    result["requests"] = int(match.group(1)) if match else 0
    return result


# ---- the report ------------------------------------------------------------------------------------


def target_ms(engine, key):
    target = SEARCH_TARGET_MS if key.startswith("search") else PAGE_TARGET_MS
    return target * (SQLITE_FACTOR if engine == "sqlite" else 1)


def render_report(results, machine, command, args):
    now = datetime.datetime.now().astimezone()
    lines = [
        "# Benchmarks",
        "",
        f"Measured {now:%Y-%m-%d %H:%M %Z} at commit {commit()} by `scripts/benchmark.py` on synthetic archives "
        "(`scripts/build_synthetic_archive.py N --seed "
        f"{args.seed}`). Reproduce with:",
        "",
        f"    {command}",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in machine.items()],
        "",
        "PostgreSQL runs in a throwaway cluster with the default configuration except `fsync`, "
        "`synchronous_commit` and `full_page_writes` off (they speed up the build, not reads), after "
        "`VACUUM ANALYZE`. SQLite is a file under /tmp, not analysed (as Django leaves it). Django runs "
        "with `DEBUG` off.",
        "",
        "## Targets",
        "",
        f"- at 100,000 readouts on PostgreSQL, every page's p95 ≤ {PAGE_TARGET_MS} ms and search's ≤ "
        f"{SEARCH_TARGET_MS} ms; on SQLite within twice that ({PAGE_TARGET_MS * SQLITE_FACTOR} ms, "
        f"{SEARCH_TARGET_MS * SQLITE_FACTOR} ms); the same limits are applied at 10,000;",
        "- query counts the same at every size;",
        f"- the readout page's throughput ≥ {THROUGHPUT_TARGET:.0%} of the minimal view's.",
        "",
        "**MISS** marks a figure that misses its target.",
        "",
        "## Building the archives",
        "",
        "| engine | readouts | archive built | search index | total | database size |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        build = result.get("build", {})
        if build.get("reused"):
            cells = ["reused", "", ""]
        else:
            cells = [
                seconds(build.get("archive_s")),
                seconds(build.get("index_s")) if "index_s" in build else "n/a (no rebuild_search_index)",
                seconds(build.get("total_s")),
            ]
        lines.append(f"| {result['engine']} | {result['size']:,} | " + " | ".join(cells) + f" | {result['db_size'] / 2**20:,.0f} MiB |")
    lines += [
        "",
        "Load average (1 min) when each in-process measurement started and ended, for a machine shared with "
        "other jobs (2 cores: above 1 means the pages shared a core): "
        + ", ".join(
            f"{r['engine']} {r['size']:,}: {r.get('load_before', 0):.1f} → {r.get('load_after', 0):.1f}" for r in results
        )
        + ".",
    ]
    lines += ["", "## Server time per page (in-process, Django test Client)", ""]
    lines.append(
        f"Median and 95th percentile over up to {args.requests} requests per page, varying the object (readouts "
        "uniformly; people, organizations and topics in proportion to their readouts, so popular pages weigh "
        "more), and the most SQL queries of the first twenty requests (not counting the archive edition's check, "
        "made at most once a second per process). The page cache for readers is off "
        "here, so every request renders its page; the cache of archive-wide figures (the home page's) is on, "
        "and the first request, which fills it, is listed below the table."
    )
    lines.append("")
    header = "| page | target p95 (PostgreSQL / SQLite) |" + "".join(f" {r['engine']} {r['size']:,}: median / p95 / queries |" for r in results)
    lines += [header, "|---|---:|" + "---:|" * len(results)]
    misses = []
    for key, label in PAGES:
        row = f"| {label} |"
        targets = sorted({target_ms(r["engine"], key) for r in results})
        row += " " + " / ".join(f"{t} ms" for t in targets) + " |"
        for r in results:
            page = r["pages"].get(key, {})
            if "na" in page:
                row += f" n/a ({page['na']}) |"
                continue
            target = target_ms(r["engine"], key)
            p95 = page["p95_ms"]
            cell = f"{page['median_ms']:.0f} / {p95:.0f} / {page['queries']}"
            if page["n"] < args.requests:
                cell += f" (n={page['n']})"
            if p95 > target:
                cell += " **MISS**"
                misses.append(f"{label} on {r['engine']} at {r['size']:,}: p95 {p95:.0f} ms > {target} ms")
            if any(status != 200 for status in page["statuses"]):
                cell += f" (HTTP {','.join(map(str, page['statuses']))})"
            row += f" {cell} |"
        lines.append(row)
    lines += ["", "First request of each page (cold: templates, connection and the figures' cache filled):", ""]
    for r in results:
        firsts = [
            f"{label} {r['pages'][key]['first_ms']:,.0f} ms"
            for key, label in PAGES
            if not key.endswith("_after_edit") and "first_ms" in r["pages"].get(key, {})
        ]
        lines.append(f"- {r['engine']} {r['size']:,}: " + ", ".join(firsts))
    lines += ["", "An edit, for the row \"Home, first request after an edit\" (a published readout saved again and committed, derived data included):", ""]
    for r in results:
        edit = r["pages"].get("home_after_edit", {}).get("edit_median_ms")
        if edit is not None:
            lines.append(f"- {r['engine']} {r['size']:,}: median {edit:,.0f} ms")
    # Query counts across sizes, per engine.
    lines += ["", "## Query counts across sizes", ""]
    by_engine = {}
    for r in results:
        by_engine.setdefault(r["engine"], []).append(r)
    for engine, runs in by_engine.items():
        if len(runs) < 2:
            continue
        for key, label in PAGES:
            counts = {r["size"]: r["pages"].get(key, {}).get("queries") for r in runs}
            if len({c for c in counts.values() if c is not None}) > 1:
                misses.append(f"{label} on {engine}: queries differ by size ({counts})")
    differ = [m for m in misses if "queries differ" in m]
    lines.append("Every page runs the same number of queries at every size measured." if not differ and len(results) > 1 else "")
    lines += [f"- **MISS** {m}" for m in differ]
    # Throughput.
    lines += [
        "",
        "## Throughput under gunicorn",
        "",
        "gunicorn with 2 sync workers and `DEBUG` off, wrk `-t2 -c16` for "
        f"{args.wrk_seconds} s per page on loopback (wrk and the server share the machine's cores, so compare "
        "pages with the minimal view of the same run rather than across machines). The readout page cycles "
        f"through {args.requests} readouts, the search through common words. Pages are served as anonymous "
        "readers get them, from the page cache once rendered; the last row sends a session cookie, which makes "
        "the cache step aside, to show the cost of rendering.",
        "",
        "| page |" + "".join(f" {r['engine']} {r['size']:,}: requests/s (share of minimal) |" for r in results),
        "|---|" + "---:|" * len(results),
    ]
    for key, label in LOAD_PAGES:
        row = f"| {label} |"
        for r in results:
            load = r.get("load")
            if not load:
                row += " not measured |"
                continue
            if "na" in load:
                row += f" n/a ({load['na']}) |"
                continue
            item = load.get(key, {})
            if "na" in item:
                row += f" n/a ({item['na']}) |"
                continue
            hello = load.get("hello", {}).get("rps") or 0
            share = item["rps"] / hello if hello else 0
            cell = f"{item['rps']:,.0f}" + ("" if key == "hello" else f" ({share:.0%})")
            if key == "readout" and share < THROUGHPUT_TARGET:  # as readers get it: from the page cache
                cell += " **MISS**"
                misses.append(f"Readout throughput on {r['engine']} at {r['size']:,}: {share:.0%} of the minimal view's")
            if item.get("non_2xx") or item.get("timeouts"):
                cell += f" ({item['non_2xx']} non-2xx, {item['timeouts']} timeouts)"
            row += f" {cell} |"
        lines.append(row)
    lines += ["", "## Misses", ""]
    lines += [f"- {m}" for m in misses] or ["None."]
    lines.append("")
    return "\n".join(line for line in lines)


def commit():
    """The commit measured: git's, or READOUTS_COMMIT for a copy of the tree without .git."""
    found = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, text=True, capture_output=True)
    return found.stdout.strip() if found.returncode == 0 else os.environ.get("READOUTS_COMMIT", "unknown")


def seconds(value):
    if value is None:
        return "?"
    return f"{value:.0f} s" if value < 120 else f"{value / 60:.1f} min"


if __name__ == "__main__":
    sys.exit(main())
