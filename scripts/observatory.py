"""Grade the site's response headers with MDN's HTTP Observatory, on a production-like start.

    .venv/bin/python scripts/observatory.py

Starts the site as production runs it (DEBUG off, collected static files, the sample archive
in a temporary SQLite database) under gunicorn twice: over TLS, with a self-signed certificate
for localhost that the scanner is told to trust, and over plain HTTP, which must redirect to it.
Then scores it with the Observatory's own code (scripts/observatory.mjs; the npm package
@mdn/mdn-http-observatory, installed into OBSERVATORY_DIR on first use) and prints the grade,
each test's result and the headers. Exits 1 below an A. docs/security-headers.md has the result.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
PACKAGE = "@mdn/mdn-http-observatory@1.4.8"
PACKAGE_DIR = Path(os.environ.get("OBSERVATORY_DIR", Path.home() / ".cache" / "readouts-observatory"))
PASSING = {"A+", "A"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def install_observatory():
    package = PACKAGE_DIR / "node_modules" / "@mdn" / "mdn-http-observatory"
    if not package.exists():
        # --ignore-scripts: its install script downloads lists from sites other than npm's.
        subprocess.run(
            ["npm", "install", "--silent", "--no-save", "--ignore-scripts", "--prefix", str(PACKAGE_DIR), PACKAGE],
            check=True,
        )
    return package


def wait_for(port):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start on port {port}")


def main():
    package = install_observatory()
    work = Path(tempfile.mkdtemp(prefix="readouts-observatory-"))
    http_port, https_port = free_port(), free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "DJANGO_SETTINGS_MODULE": "scripts.observatory_settings",
        "OBSERVATORY_HTTPS_PORT": str(https_port),
        "PYTHONPATH": str(ROOT),
    }
    servers = []
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=DNS:localhost", "-addext", "basicConstraints=critical,CA:TRUE",
             "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
            check=True, capture_output=True,
        )
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["loaddata", str(ROOT / "fixtures" / "sample_archive.json"), "-v", "0"],
            ["rebuild_derived", "-v", "0"],
            ["collectstatic", "--no-input", "-v", "0"],
        ):
            subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True)
        gunicorn = [ROOT / ".venv" / "bin" / "gunicorn", "config.wsgi", "--workers", "1", "--no-control-socket",
                    "--log-level", "warning"]
        tls = ["--certfile", str(work / "cert.pem"), "--keyfile", str(work / "key.pem")]
        for port, extra in ((https_port, tls), (http_port, [])):
            servers.append(subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{port}", *extra], cwd=ROOT, env=env))
            wait_for(port)
        scan = subprocess.run(
            ["node", str(ROOT / "scripts" / "observatory.mjs"), str(package), "localhost", str(http_port),
             str(https_port)],
            env={**os.environ, "NODE_EXTRA_CA_CERTS": str(work / "cert.pem")},
            check=True, capture_output=True, text=True,
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)
    result = json.loads(scan.stdout)
    print(json.dumps(result, indent=2))
    print(f"\nGrade {result['grade']} (score {result['score']}), {result['testsPassed']} of "
          f"{result['testsQuantity']} tests passed, for {result['url']}")
    return 0 if result["grade"] in PASSING else 1


if __name__ == "__main__":
    sys.exit(main())
