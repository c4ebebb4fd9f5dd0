import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env):
    """Import factcheck.settings in a fresh interpreter with exactly `env`."""
    clean = {"PATH": os.environ["PATH"], **env}
    code = (
        "import json, factcheck.settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'],"
        "'name': str(s.DATABASES['default']['NAME']),"
        "'cache': s.CACHES['default']['BACKEND'], 'ssl': s.SECURE_SSL_REDIRECT,"
        "'hosts': s.ALLOWED_HOSTS}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = load_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_refuses_when_debug_is_unset_and_no_secret_key():
    result = load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_it_starts_in_production_with_a_secret_key():
    result = load_settings(SECRET_KEY="s3cret", ALLOWED_HOSTS="factcheck.example.org")
    assert result.returncode == 0, result.stderr
    assert '"debug": false' in result.stdout
    assert '"ssl": true' in result.stdout, "HTTPS redirect is on by default in production"
    assert '"hosts": ["factcheck.example.org"]' in result.stdout


def test_it_allows_plain_http_when_told():
    result = load_settings(SECRET_KEY="s3cret", SECURE_SSL_REDIRECT="0")
    assert '"ssl": false' in result.stdout


def test_it_uses_sqlite_by_default_and_postgres_from_database_url():
    sqlite = load_settings(DEBUG="1")
    assert '"engine": "django.db.backends.sqlite3"' in sqlite.stdout
    assert "db.sqlite3" in sqlite.stdout
    postgres = load_settings(DEBUG="1", DATABASE_URL="postgres://u@127.0.0.1:5432/fc")
    assert '"engine": "django.db.backends.postgresql"' in postgres.stdout
    assert '"name": "fc"' in postgres.stdout


def test_it_shares_the_cache_through_redis_when_configured():
    local = load_settings(DEBUG="1")
    assert "LocMemCache" in local.stdout
    shared = load_settings(DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0")
    assert "RedisCache" in shared.stdout


def test_it_reports_a_malformed_number_by_name():
    result = load_settings(DEBUG="1", DB_CONN_MAX_AGE="forever")
    assert result.returncode != 0
    assert "DB_CONN_MAX_AGE must be a whole number" in result.stderr


def test_env_example_lists_every_variable_settings_read():
    settings_text = (ROOT / "factcheck" / "settings.py").read_text()
    example = (ROOT / ".env.example").read_text()
    read = set(re.findall(r'env(?:bool|int|list)?\("([A-Z_]+)"', settings_text))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_text))
    missing = {name for name in read if f"\n{name}=" not in "\n" + example}
    assert read and not missing


def test_it_refuses_an_api_throttle_rate_it_cannot_read():
    result = load_settings(DEBUG="1", API_ANON_THROTTLE_RATE="lots")
    assert result.returncode != 0
    assert "API_ANON_THROTTLE_RATE must look like 120/minute" in result.stderr
    assert load_settings(DEBUG="1", API_ANON_THROTTLE_RATE="5/hour").returncode == 0


def read_setting(expression: str, **env):
    """The JSON of `expression` over factcheck.settings (as `s`), read in a fresh interpreter."""
    clean = {"PATH": os.environ["PATH"], "DEBUG": "1", **env}
    code = f"import json, factcheck.settings as s; print(json.dumps({expression}, default=str))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_database_connections_are_kept_and_health_checked_by_default():
    conn = "[s.DATABASES['default'][k] for k in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')]"
    assert read_setting(conn).stdout.strip() == "[60, true]"
    tuned = read_setting(conn, DB_CONN_MAX_AGE="0", DB_CONN_HEALTH_CHECKS="0")
    assert tuned.stdout.strip() == "[0, false]"


def test_each_replica_url_adds_a_replica_alias_that_mirrors_the_primary_in_tests():
    result = read_setting(
        "[s.DATABASE_REPLICAS, {a: [d['HOST'], d.get('TEST')] for a, d in s.DATABASES.items()}]",
        DATABASE_URL="postgres://fc@primary:5432/fc",
        DATABASE_REPLICA_URLS="postgres://fc@replica-a:5432/fc, postgres://fc@replica-b:5432/fc",
    )
    assert result.returncode == 0, result.stderr
    replicas, hosts = json.loads(result.stdout)
    assert replicas == ["replica_1", "replica_2"]
    assert hosts["default"][0] == "primary"
    assert hosts["replica_1"] == ["replica-a", {"MIRROR": "default"}]
    assert hosts["replica_2"] == ["replica-b", {"MIRROR": "default"}]
    assert read_setting("s.DATABASE_REPLICAS").stdout.strip() == "[]"


def test_it_refuses_a_replica_url_it_cannot_read_without_printing_it():
    result = read_setting(
        "s.DATABASE_REPLICAS", DATABASE_REPLICA_URLS="postgres://fc@db/fc,pg://fc:hunter2@db/fc"
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS must hold database URLs like postgres://" in result.stderr
    assert "scheme 'pg'" in result.stderr
    assert "hunter2" not in result.stderr
