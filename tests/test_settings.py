import json
import os
import re
import secrets
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
    read = set(re.findall(r'env(?:bool|int|list|rate)?\("([A-Z_]+)"', settings_text))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', settings_text))
    missing = {name for name in read if f"\n{name}=" not in "\n" + example}
    assert read and not missing


def test_it_refuses_an_api_throttle_rate_it_cannot_read():
    for name in ("API_ANON_THROTTLE_RATE", "API_USER_THROTTLE_RATE"):
        result = load_settings(DEBUG="1", **{name: "lots"})
        assert result.returncode != 0
        assert f"{name} must look like 120/minute" in result.stderr
        assert load_settings(DEBUG="1", **{name: "5/hour"}).returncode == 0


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


def test_the_deploy_check_is_clean_with_only_the_three_required_settings():
    env = {
        "PATH": os.environ["PATH"],
        "DEBUG": "0",
        "SECRET_KEY": "x9" * 30 + secrets.token_urlsafe(30),
        "ALLOWED_HOSTS": "factcheck.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


HSTS = "[s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD]"


def test_hsts_follows_the_https_redirect_by_default():
    production = read_setting(HSTS, DEBUG="0", SECRET_KEY="s3cret")
    assert production.stdout.strip() == "[31536000, true, true]", production.stderr
    plain_http = read_setting(HSTS, DEBUG="0", SECRET_KEY="s3cret", SECURE_SSL_REDIRECT="0")
    assert plain_http.stdout.strip() == "[0, false, false]"
    assert read_setting(HSTS).stdout.strip() == "[0, false, false]", "DEBUG=1 sends no HSTS"


def test_hsts_can_be_set_on_its_own_behind_a_proxy_that_redirects():
    behind_proxy = read_setting(HSTS, SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="600")
    assert behind_proxy.stdout.strip() == "[600, true, true]"
    no_subdomains = read_setting(
        HSTS,
        DEBUG="0",
        SECRET_KEY="s3cret",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0",
    )
    assert no_subdomains.stdout.strip() == "[31536000, false, false]"
    negative = read_setting(HSTS, SECURE_HSTS_SECONDS="-1")
    assert negative.returncode != 0
    assert "SECURE_HSTS_SECONDS must be 0 (no HSTS) or more." in negative.stderr


def test_login_lockout_limits_come_from_the_environment():
    axes = "[s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.AXES_LOCKOUT_PARAMETERS]"
    assert read_setting(axes).stdout.strip() == '[5, 1.0, [["username", "ip_address"]]]'
    tuned = read_setting(axes, AXES_FAILURE_LIMIT="10", AXES_COOLOFF_TIME="0.25")
    assert tuned.stdout.strip().startswith("[10, 0.25,")
    until_reset = read_setting(axes, AXES_COOLOFF_TIME="0")
    assert until_reset.stdout.strip().startswith("[5, null,")
    for name, value, message in (
        ("AXES_FAILURE_LIMIT", "0", "AXES_FAILURE_LIMIT must be at least 1."),
        ("AXES_FAILURE_LIMIT", "many", "AXES_FAILURE_LIMIT must be a whole number"),
        ("AXES_COOLOFF_TIME", "an hour", "AXES_COOLOFF_TIME must be hours, like 1 or 0.25"),
        ("AXES_COOLOFF_TIME", "-1", "AXES_COOLOFF_TIME must be hours, like 1 or 0.25"),
        ("AXES_COOLOFF_TIME", "nan", "AXES_COOLOFF_TIME must be hours, like 1 or 0.25"),
    ):
        result = read_setting(axes, **{name: value})
        assert result.returncode != 0, (name, value)
        assert message in result.stderr, (name, value)


def test_the_axes_backend_checks_logins_first():
    backends = read_setting("s.AUTHENTICATION_BACKENDS").stdout
    assert json.loads(backends)[0] == "axes.backends.AxesStandaloneBackend"
