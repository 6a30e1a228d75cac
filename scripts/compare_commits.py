"""Which of two commits renders the pages faster, on a machine whose speed drifts.

    BENCH_DATABASE_URL=postgres://bench:bench@127.0.0.1:5433/bench_100000 \
        .venv/bin/python scripts/compare_commits.py OLD [--new NEW] [--views 9]

On a shared machine, two runs of scripts/benchmark.py with the same code can differ by a third
in a page's p95, so a change of 5% cannot be seen by running the old code, then the new. Here
each commit serves requests in a process of its own (Django's test Client, DEBUG off, the page
cache off, as benchmark.py measures), and the two processes answer the same addresses in turn,
alternating which goes first, so that both meet the machine in the same state. For each kind of
page (the largest countries, people, topics and pairs of countries; the readout list) it prints
the mean over the addresses of each commit's fastest of --views views, and the median of the
per-address ratios new / old.

OLD is checked out into a worktree under /tmp/readouts-compare/ that shares this checkout's
.venv; NEW is this checkout as it is (uncommitted changes included) unless --new names a
commit. Each collects its own static files. Both must run on the database's schema. The figures
are of pages whose caches are warm (a reader's view after an edit elsewhere), not of first
views, which benchmark.py's p95 includes.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = Path("/tmp/readouts-compare")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", nargs="?", help="The commit to compare against.")
    parser.add_argument("--new", help="A commit to compare (default: this checkout as it is).")
    parser.add_argument("--views", type=int, default=9, help="Views of each address by each commit (default 9).")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # internal: one commit's process
    args = parser.parse_args()
    if args.serve:
        return serve()
    if not args.old:
        parser.error("name the commit to compare against")
    database_url = os.environ.get("BENCH_DATABASE_URL")
    if not database_url:
        parser.error("set BENCH_DATABASE_URL to the database that holds the synthetic archive")
    env = environment(database_url)
    old = worktree(args.old)
    new = worktree(args.new) if args.new else REPO
    kinds = addresses(env)
    servers = {"old": start(old, env), "new": start(new, env)}
    print(f"old {label(old)}, new {label(new)}; fastest of {args.views} views of each address (ms)\n")
    print("| page | addresses | old | new | new / old (median) |")
    print("|---|---:|---:|---:|---:|")
    for kind, urls in kinds.items():
        fastest = {"old": [], "new": []}
        for url in urls:
            for name in servers:  # once each before timing: the templates, the connection
                ask(servers[name], url)
            times = {"old": [], "new": []}
            for view in range(args.views):
                for name in ("old", "new") if view % 2 else ("new", "old"):
                    times[name].append(ask(servers[name], url))
            for name in times:
                fastest[name].append(min(times[name]))
        ratio = statistics.median(n / o for n, o in zip(fastest["new"], fastest["old"]))
        old_ms, new_ms = statistics.mean(fastest["old"]), statistics.mean(fastest["new"])
        print(f"| {kind} | {len(urls)} | {old_ms:.1f} | {new_ms:.1f} | {ratio:.3f} |", flush=True)
    for server in servers.values():
        server.stdin.close()
        server.wait()


def environment(database_url):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV")}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="false",
        READOUTS_PAGE_CACHE="false",
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="600",
    )
    return env


def worktree(commit):
    """A checkout of `commit` under WORK, made once, with this checkout's .venv."""
    sha = subprocess.run(["git", "rev-parse", "--short", commit], cwd=REPO, check=True, text=True, capture_output=True).stdout.strip()
    tree = WORK / sha
    if not tree.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "worktree", "add", "--detach", "-f", str(tree), sha], cwd=REPO, check=True, capture_output=True)
        (tree / ".venv").symlink_to(REPO / ".venv")
    return tree


def label(tree):
    head = subprocess.run(["git", "log", "-1", "--format=%h %s"], cwd=tree, check=True, text=True, capture_output=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=tree, text=True, capture_output=True)
    return head.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def addresses(env):
    """{kind: [address]}: every fourth of the 60 largest countries, people and topics, every
    tenth of the 150 largest pairs of countries, and three pages of the readout list."""
    code = f"""
import json
from django.urls import reverse
from readouts.models import Organization, OrganizationPair, Person, Topic
largest = lambda model: model.objects.public().order_by("-count__readouts", "pk")
pairs = OrganizationPair.objects.filter(organization__kind="country", other__kind="country")
print(json.dumps({{
    "Organization (country)": [o.get_absolute_url() for o in largest(Organization).filter(kind="country")[:60:4]],
    "Person": [p.get_absolute_url() for p in largest(Person)[:60:4]],
    "Topic": [t.get_absolute_url() for t in largest(Topic)[:60:4]],
    "Relations of two countries": [
        reverse("readouts:relation_detail", args=sorted([p.organization.slug, p.other.slug]))
        for p in pairs.order_by("-readouts", "pk").select_related("organization", "other")[:150:10]
    ],
    "Readout list": ["/readouts/", "/readouts/?page=2", "/readouts/?page=300"],
}}))
"""
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=REPO, env=env, check=True, text=True, capture_output=True
    )
    return json.loads(found.stdout)


def start(tree, env):
    """A process serving requests with `tree`'s code, its static files collected first."""
    env = {**env, "STATIC_ROOT": str(WORK / f"static-{tree.name}"), "PYTHONPATH": str(tree)}
    subprocess.run(
        [str(tree / ".venv/bin/python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=tree, env={**env, "DATABASE_URL": f"sqlite:///{WORK / 'static.sqlite3'}"}, check=True,
    )
    server = subprocess.Popen(
        [str(tree / ".venv/bin/python"), __file__, "--serve"], cwd=tree, env=env, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
    )
    if server.stdout.readline().strip() != "ready":
        sys.exit(f"{tree} did not start")
    return server


def ask(server, url):
    server.stdin.write(url + "\n")
    server.stdin.flush()
    ms, status = server.stdout.readline().split()
    if status != "200":
        sys.exit(f"{url} answered {status}")
    return float(ms)


def serve():
    """Answer each address read from stdin with the time its request took, in ms, and its status."""
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import config.wsgi  # noqa: F401  (as the app servers start)
    from django.test import Client

    client = Client()
    print("ready", flush=True)
    for line in sys.stdin:
        started = time.perf_counter()
        response = client.get(line.strip())
        print(f"{(time.perf_counter() - started) * 1000:.3f} {response.status_code}", flush=True)


if __name__ == "__main__":
    main()
