"""Test settings: production settings with a throwaway key and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# The suite makes many API calls a minute; the throttle tests set their own rates.
os.environ.setdefault("API_ANON_THROTTLE_RATE", "100000/minute")
os.environ.setdefault("API_USER_THROTTLE_RATE", "100000/minute")

from factcheck.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The manifest storage needs collectstatic first; tests serve files as they are.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Serve static files from the apps' folders, as runserver does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than memory, so that a second process can open it
    # (tests/claims/test_cache_sharing.py); one per run, and removed after it.
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"factcheck-test-{os.getpid()}.sqlite3")
    }

# A replica alias for tests/test_db_router.py: the same database as "default"
# (Django's test mirror); unused unless a test lists it in DATABASE_REPLICAS.
DATABASES["replica_1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
# Background tasks run at once, in the test's own process and transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No test reaches the internet: attaching a source fetches nothing unless a
# test turns this on for its own local server (tests/sources/).
FACTCHECK_SNAPSHOT_ON_ATTACH = False
