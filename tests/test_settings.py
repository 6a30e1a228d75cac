"""The settings as an operator meets them: read from the environment, loud about mistakes.

Each test starts a fresh Python process with a controlled environment, because settings are
read once, at import. DATABASE_URL is passed through so that the suite checks the same
database engine it runs on.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Every variable config/settings.py reads; each test sets only the ones it means to.
SETTINGS_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "CONN_MAX_AGE",
    "TIME_ZONE",
    "STATIC_ROOT",
    "READOUTS_PER_PAGE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_TLS_PROXY",
    "LOG_LEVEL",
    "READOUTS_BASE_URL",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "TRUSTED_PROXY_COUNT",
}
# Set by the browser tests for their own process (tests/browser/conftest.py); a deployment
# never has it, and check --deploy rightly warns about it.
TEST_HARNESS_VARIABLES = {"DJANGO_ALLOW_ASYNC_UNSAFE"}

SETUP_DJANGO = "import django; django.setup(); print('settings loaded')"


def run_python(args, **env_vars):
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in SETTINGS_VARIABLES | TEST_HARNESS_VARIABLES
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(env_vars)
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "readouts.example",
    }
    env.update(overrides)
    return env


def test_settings_load_with_no_environment_at_all():
    result = run_python(["-c", SETUP_DJANGO])

    assert result.returncode == 0, result.stderr
    assert "settings loaded" in result.stdout


def test_debug_off_without_secret_key_refuses_to_start():
    result = run_python(["-c", SETUP_DJANGO], DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "settings loaded" not in result.stdout


def test_debug_off_with_empty_secret_key_refuses_to_start():
    result = run_python(["-c", SETUP_DJANGO], DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_env(),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_settings_behind_a_tls_proxy_pass_the_deployment_checklist():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_env(BEHIND_TLS_PROXY="true", CSRF_TRUSTED_ORIGINS="https://readouts.example"),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false, not 'maybe'"),
        ("BEHIND_TLS_PROXY", "sometimes", "BEHIND_TLS_PROXY must be true or false, not 'sometimes'"),
        ("READOUTS_PER_PAGE", "twenty", "READOUTS_PER_PAGE must be a whole number, not 'twenty'"),
        ("CONN_MAX_AGE", "1.5", "CONN_MAX_AGE must be a whole number, not '1.5'"),
        ("READOUTS_BASE_URL", "readouts.example.org", "READOUTS_BASE_URL must be an origin"),
        ("READOUTS_BASE_URL", "https://readouts.example.org/archive", "READOUTS_BASE_URL must be an origin"),
        ("READOUTS_BASE_URL", "ftp://readouts.example.org", "READOUTS_BASE_URL must be an origin"),
        ("READOUTS_BASE_URL", "https://readouts.example.org:port", "READOUTS_BASE_URL must be an origin"),
        ("AXES_FAILURE_LIMIT", "0", "AXES_FAILURE_LIMIT must be at least 1, not 0"),
        ("AXES_COOLOFF_MINUTES", "0", "AXES_COOLOFF_MINUTES must be at least 1, not 0"),
        ("TRUSTED_PROXY_COUNT", "-1", "TRUSTED_PROXY_COUNT must be at least 0, not -1"),
    ],
)
def test_a_malformed_value_fails_with_a_clear_message(name, value, message):
    env = production_env() if name == "BEHIND_TLS_PROXY" else {}
    env[name] = value

    result = run_python(["-c", SETUP_DJANGO], **env)

    assert result.returncode != 0
    assert message in result.stderr


PRINT_ORIGIN = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.READOUTS_BASE_URL, settings.ALLOWED_HOSTS)"
)


def test_production_base_url_is_derived_from_the_first_named_allowed_host():
    result = run_python(["-c", PRINT_ORIGIN], **production_env(ALLOWED_HOSTS=".example.org,readouts.example"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://readouts.example ['.example.org', 'readouts.example']"


def test_production_allowed_hosts_default_to_the_base_urls_host():
    env = production_env(READOUTS_BASE_URL="https://Readouts.Example.org/")
    del env["ALLOWED_HOSTS"]
    result = run_python(["-c", PRINT_ORIGIN], **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://readouts.example.org ['readouts.example.org']"


def test_production_without_base_url_or_allowed_hosts_refuses_to_start():
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = run_python(["-c", SETUP_DJANGO], **env)

    assert result.returncode != 0
    assert "READOUTS_BASE_URL is not set" in result.stderr


def test_the_app_servers_application_keeps_what_it_loaded_out_of_full_collections():
    """config.wsgi freezes the objects loaded at start-up (gc.freeze()): the garbage collector's
    full collections, which walked them all, then skip them."""
    result = run_python(
        ["-c", "import gc; from config.wsgi import application; print(gc.get_freeze_count())"],
        **production_env(),
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000
