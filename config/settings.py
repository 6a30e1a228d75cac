"""Settings for Readouts, read from the environment.

Every setting has a safe local default so that a fresh clone runs on SQLite with no
set-up; production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
The README documents each variable.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site refuses to start without one: "
            "set SECRET_KEY to a long random string (see README, 'Settings')."
        )
    # Only ever used with DEBUG on, on a developer's machine.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"


# The site's canonical origin (readouts/origin.py): every absolute address the archive writes
# (canonical links, feeds, sitemap, API, citations, CSV) starts with it, never with a request's
# Host, so that no request can put another host into a page the cache keeps for everyone.
def parse_origin(name, value):
    parts = urlsplit(value)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if (
        not port_ok
        or parts.scheme not in ("http", "https")
        or not parts.hostname
        or "@" in parts.netloc
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(f"{name} must be an origin such as https://readouts.example.org, not {value!r}.")
    return f"{parts.scheme}://{parts.netloc.lower()}"


if os.environ.get("READOUTS_BASE_URL", "").strip():
    READOUTS_BASE_URL = parse_origin("READOUTS_BASE_URL", os.environ["READOUTS_BASE_URL"].strip())
elif DEBUG:
    READOUTS_BASE_URL = "http://127.0.0.1:8000"  # runserver's address
else:
    # Production without the setting: the first named host of ALLOWED_HOSTS, over HTTPS.
    _named = [host for host in env_list("ALLOWED_HOSTS", []) if host[:1] not in (".", "*")]
    if not _named:
        raise ImproperlyConfigured(
            "READOUTS_BASE_URL is not set and ALLOWED_HOSTS names no host to derive it from: set it to the "
            "site's address, e.g. https://readouts.example.org (see README, 'Settings')."
        )
    READOUTS_BASE_URL = parse_origin("ALLOWED_HOSTS", f"https://{_named[0]}")
# Requests for any other host are refused (400). Locally, the loopback names too.
_base_host = urlsplit(READOUTS_BASE_URL).hostname
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost"] if DEBUG else [f"[{_base_host}]" if ":" in _base_host else _base_host],
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "readouts.apps.EditorsAdminConfig",  # django.contrib.admin, with the editors' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "nested_admin",
    "readouts",
    "readouts.history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "readouts.middleware.ReaderPageCacheMiddleware",
    # Below the page cache, which stores each page compressed, once for each encoding.
    "readouts.middleware.PublicCompressionMiddleware",
    "readouts.middleware.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Names the signed-in editor on each version of a record the request saves (history app).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Dates as 2025-04-30 in the admin's fields, calendar and lists (config/formats/en_GB/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed, content-hashed file names; whitenoise serves them with far-future caching.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

READOUTS_PER_PAGE = env_int("READOUTS_PER_PAGE", 25)
# The archive's name as publisher in citations, link previews and metadata (readouts/citations.py).
READOUTS_SITE_NAME = os.environ.get("READOUTS_SITE_NAME", "Readouts")

# The open JSON API (readouts/api/, docs/api.md): read-only, anonymous. JSON for programs, first
# so that no Accept or `*/*` gets it; an Accept naming text/html (a browser's) gets DRF's
# browsable API, without its forms, under the site's CSP (readouts/api/renderers.py).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "readouts.api.renderers.ReadOnlyBrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "readouts.api.pagination.PageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # ?format= is the readout list's own filter (phone_call, meeting...), not a renderer's name.
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Readouts API",
    "DESCRIPTION": "The published readouts of the archive, their people, organizations, topics and "
    "commitments, read-only. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "readouts.api.schema.allow_empty_query_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CommitmentStatusEnum": "readouts.models.CommitmentStatus",
        "ReadoutFormatEnum": "readouts.models.ReadoutFormat",
        "OrganizationKindEnum": "readouts.models.OrganizationKind",
        "TopicKindEnum": "readouts.models.TopicKind",
        "StatementKindEnum": "readouts.models.StatementKind",
        "ReadoutLinkKindEnum": "readouts.models.ReadoutLinkKind",
    },
}

# Caching (readouts/caching.py): figures and, for anonymous readers, whole pages, each stored
# under the archive's edition so that an edit shows at once. 0 seconds turns caching off.
READOUTS_CACHE_SECONDS = env_int("READOUTS_CACHE_SECONDS", 600)
READOUTS_PAGE_CACHE = env_bool("READOUTS_PAGE_CACHE", True)
# Each process keeps its own cache in memory; the edition, read from the database, keeps them
# all in step. MAX_ENTRIES bounds a worker's memory (a readout page is 30-100 KB).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "readouts",
        "OPTIONS": {"MAX_ENTRIES": env_int("READOUTS_CACHE_ENTRIES", 2000)},
    }
}

# --- Response headers and sign-in throttling (docs/security-headers.md) ---
# The policy allows only the site's own files: no inline script or style anywhere, the public
# pages' and the admin's alike (JSON-LD blocks are data, never run). No nonces: cached pages
# are shared between readers. CSPMiddleware and PermissionsPolicyMiddleware sit just below
# SecurityMiddleware, outside the page cache, so that cached pages get the current headers too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        # The admin's autocomplete fields fetch their choices.
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    },
}
# Nothing here needs a device or a powerful feature; the Copy buttons write to the clipboard.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "clipboard-read": [],
    "clipboard-write": "self",
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}
# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one account, or from one address,
# further attempts are refused for the cool-off (README, "Editor accounts").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "readouts.throttling.locked_out"
AXES_RESET_ON_SUCCESS = True
# Its start-up banner would print before every management command's own output.
AXES_VERBOSE = False
# Behind a reverse proxy REMOTE_ADDR is the proxy's: the client's address is read from
# X-Forwarded-For, counting TRUSTED_PROXY_COUNT entries from the right (README, "Deploying").
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "readouts.throttling.client_ip"
# 0 would lock every account at once, or for ever; a negative count means nothing.
for _name, _value, _least in [
    ("AXES_FAILURE_LIMIT", AXES_FAILURE_LIMIT, 1),
    ("AXES_COOLOFF_MINUTES", AXES_COOLOFF_TIME.total_seconds() // 60, 1),
    ("TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT, 0),
]:
    if _value < _least:
        raise ImproperlyConfigured(f"{_name} must be at least {_least}, not {_value:.0f}.")
# --- end of response headers and sign-in throttling ---

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", False):
        # The proxy terminates TLS and says so in this header; trust it only when told to.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
