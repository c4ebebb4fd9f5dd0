"""`make bench`: the site at a real desk's size, under load, in one table.

Drops and recreates a PostgreSQL database, seeds it (`seed_bench`), embeds
its claims for semantic matching (`index_claims`, timed), serves it
with gunicorn as in production, drives each endpoint with wrk on 127.0.0.1
(ids and query texts drawn from the seeded data, a different one per
request), and prints requests/s, p50 and p95 for each, also as a ratio of a
bare Django JSON view (the floor) measured under the same server in the same
run. Then it times `import_claimreview` on generated records and reports the
workers' peak memory. Results go to stdout and to bench/results.md.

Settings, from the environment:
  BENCH_DATABASE_URL   postgres://postgres@127.0.0.1:5432/factcheck_bench
                       (dropped and recreated: its name must contain "bench")
  BENCH_REDIS_URL      redis://127.0.0.1:6379/1 (emptied before serving)
  BENCH_CLAIMS         claims to seed (100000)
  BENCH_SEED           seed of the generated data and of the request mix (1)
  BENCH_RECORDS        ClaimReview records to import, 0 to skip (100000)
  BENCH_IMPORT_TIMEOUT seconds before the import is stopped (600)
  BENCH_WORKERS        gunicorn sync workers (2)
  BENCH_CONNECTIONS    wrk connections (4), over 2 threads
  BENCH_DURATION       seconds measured per endpoint (10)
  BENCH_WARMUP         seconds of load before each measurement (2)
  BENCH_REUSE          1: start from the copy of the seeded, embedded database
                       an earlier run left (<name>_seeded; same BENCH_CLAIMS
                       and BENCH_SEED) instead of seeding and embedding again,
                       which takes most of a run (0)
  BENCH_LOAD_SECONDS   seconds of the load test (60; 0 skips it); see bench/load.py
  BENCH_LOAD_WORKERS   gunicorn sync workers during the load test (4)
  BENCH_LOAD_READERS   threads sending anonymous reads (8)
  BENCH_LOAD_EDITORS   threads publishing, correcting and retracting (4)
  BENCH_LOAD_CLAIMS    claims prepared through the API for the editors (30)
  BENCH_LOAD_ONLY      1: skip the wrk measurements and the import, run only the
                       load test and print its results without writing
                       bench/results.md (0)

After the measurements, the load test (bench/load.py) reads the site, the
API and the embeds while editors write through the API, then checks that
nothing was lost; the bench exits non-zero if a check failed.
"""

import datetime as dt
import json
import math
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402  (after the project's root is on the path)

RESULTS = ROOT / "bench" / "results.md"
SAMPLES = 500
PAGE_SIZE = 20
FEED_PAGES = 50
ENV_DEFAULTS = {
    "BENCH_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/factcheck_bench",
    "BENCH_REDIS_URL": "redis://127.0.0.1:6379/1",
    "BENCH_CLAIMS": "100000",
    "BENCH_SEED": "1",
    "BENCH_RECORDS": "100000",
    "BENCH_IMPORT_TIMEOUT": "600",
    "BENCH_WORKERS": "2",
    "BENCH_CONNECTIONS": "4",
    "BENCH_DURATION": "10",
    "BENCH_WARMUP": "2",
    "BENCH_REUSE": "0",
    "BENCH_LOAD_SECONDS": "60",
    "BENCH_LOAD_WORKERS": "4",
    "BENCH_LOAD_READERS": "8",
    "BENCH_LOAD_EDITORS": "4",
    "BENCH_LOAD_CLAIMS": "30",
    "BENCH_LOAD_ONLY": "0",
}


class BenchError(Exception):
    """Stops the bench with a one-line reason."""


@dataclass
class Config:
    database_url: str
    redis_url: str
    claims: int
    seed: int
    records: int
    import_timeout: int
    workers: int
    connections: int
    duration: int
    warmup: int
    reuse: bool
    load_seconds: int
    load_workers: int
    load_readers: int
    load_editors: int
    load_claims: int
    load_only: bool

    @classmethod
    def from_env(cls) -> "Config":
        def number(name: str, least: int) -> int:
            raw = os.environ.get(name, ENV_DEFAULTS[name])
            try:
                value = int(raw)
            except ValueError:
                value = least - 1
            if value < least:
                raise BenchError(f"{name} must be a whole number of at least {least}, not {raw!r}.")
            return value

        return cls(
            database_url=os.environ.get("BENCH_DATABASE_URL", ENV_DEFAULTS["BENCH_DATABASE_URL"]),
            redis_url=os.environ.get("BENCH_REDIS_URL", ENV_DEFAULTS["BENCH_REDIS_URL"]),
            claims=number("BENCH_CLAIMS", 1),
            seed=number("BENCH_SEED", 0),
            records=number("BENCH_RECORDS", 0),
            import_timeout=number("BENCH_IMPORT_TIMEOUT", 1),
            workers=number("BENCH_WORKERS", 1),
            connections=number("BENCH_CONNECTIONS", 1),
            duration=number("BENCH_DURATION", 1),
            warmup=number("BENCH_WARMUP", 0),
            reuse=bool(number("BENCH_REUSE", 0)),
            load_seconds=number("BENCH_LOAD_SECONDS", 0),
            load_workers=number("BENCH_LOAD_WORKERS", 1),
            load_readers=number("BENCH_LOAD_READERS", 1),
            load_editors=number("BENCH_LOAD_EDITORS", 1),
            load_claims=number("BENCH_LOAD_CLAIMS", 2),
            load_only=bool(number("BENCH_LOAD_ONLY", 0)),
        )


def say(line: str):
    print(f"bench: {line}", flush=True)


# --- setting up ---------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if not shutil.which("apt-get"):
        raise BenchError("wrk is not installed and there is no apt-get here to install it.")
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed; install it as root: apt-get install -y wrk")
    say("installing wrk from Debian's packages")
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        if subprocess.run(install, stdout=subprocess.DEVNULL).returncode != 0:
            raise BenchError("apt-get could not install wrk (see above).")


def recreate_database(url: str, *, template: str | None = None, save_as: str | None = None):
    """Drop and create the bench database, empty or as a copy of `template`;
    or, with `save_as`, copy it to that name (dropping any older copy)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    try:
        db = dj_database_url.parse(url)
    except ValueError as error:
        raise BenchError(f"BENCH_DATABASE_URL {url!r} is not a database URL: {error}") from None
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BenchError(f"BENCH_DATABASE_URL must be a PostgreSQL URL, not {url!r}.")
    name = db["NAME"]
    if "bench" not in name:
        raise BenchError(
            f"BENCH_DATABASE_URL names the database {name!r}; the bench drops and recreates "
            "its database, so its name must contain 'bench'."
        )
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }
    target, source = (save_as, name) if save_as else (name, template)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target))
    if source:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(source))
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
            )
            conn.execute(create)
    except psycopg.Error as error:
        raise BenchError(f"cannot create the database {target!r}: {error}".strip()) from None


def seeded_copy(url: str) -> str:
    """The name of the copy of the seeded, embedded database that BENCH_REUSE=1 starts from."""
    import dj_database_url

    return f"{dj_database_url.parse(url)['NAME']}_seeded"


def empty_redis(url: str):
    import redis

    try:
        redis.Redis.from_url(url).flushdb()
    except (redis.RedisError, ValueError) as error:
        raise BenchError(f"Redis at {url} does not answer: {error}") from None


def server_env(config: Config) -> dict:
    return os.environ | {
        "DATABASE_URL": config.database_url,
        "REDIS_URL": config.redis_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        # High enough that wrk's requests are never throttled; still counted in Redis.
        "API_ANON_THROTTLE_RATE": "1000000000/minute",
        "API_USER_THROTTLE_RATE": "1000000000/minute",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    }


def manage(env: dict, *args: str):
    command = [sys.executable, "manage.py", *args]
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed (see above).")


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving bench.wsgi; stopped on the way out, whatever happened."""

    def __init__(self, env: dict, workers: int, log: Path):
        self.env, self.workers, self.log = env, workers, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self) -> "Server":
        command = [
            sys.executable, "-m", "gunicorn", "bench.wsgi",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers),
            "--worker-class", "sync",
            "--timeout", "120",
            "--graceful-timeout", "5",
            "--error-logfile", str(self.log),
        ]  # fmt: skip
        # A session of its own, so its workers can be stopped with it whatever they do.
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped at start; see {self.log}:\n{self.log_tail()}")
            if fetch_status(self.base + "/bench/floor/") == 200:
                return self
            time.sleep(0.3)
        raise BenchError(f"gunicorn did not answer within 60 s; see {self.log}.")

    def __exit__(self, *exc):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def settle(self, limit: int = 600):
        """Wait until the workers are free again: requests wrk left queued (a slow
        endpoint's backlog) would otherwise be counted against the next endpoint."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn stopped; see {self.log}:\n{self.log_tail()}")
            if fetch_status(self.base + "/bench/floor/", timeout=5) == 200:
                return
            time.sleep(1)
        raise BenchError(f"gunicorn did not answer the floor view for {limit} s.")

    def log_tail(self) -> str:
        try:
            return "\n".join(self.log.read_text().splitlines()[-15:])
        except OSError:
            return ""

    def worker_peak_memory_kb(self) -> list[int]:
        """VmHWM (peak resident memory) of each worker, read from /proc."""
        peaks = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(
                    line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
                )
            except OSError:
                continue  # a process that just ended
            if fields.get("PPid", "").strip() == str(self.process.pid) and "VmHWM" in fields:
                peaks.append(int(fields["VmHWM"].split()[0]))
        return sorted(peaks, reverse=True)


def fetch_status(url: str, timeout: float = 120) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


# --- what to request --------------------------------------------------------------------------


def endpoints(env: dict, seed: int) -> list[tuple[str, list[str]]]:
    """(name, request paths) for each measured endpoint, drawn from the seeded data."""
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connections

    from claims.lexical_matching import STOPWORDS, WORD
    from claims.models import Claim

    rng = random.Random(seed)
    public = Claim.objects.public().count()
    published = list(Claim.objects.published().values_list("pk", flat=True))
    if not published:
        raise BenchError("the seeded database has no published claims.")
    ids = rng.sample(published, min(SAMPLES, len(published)))
    texts = dict(Claim.objects.filter(pk__in=ids).values_list("pk", "text"))
    connections.close_all()

    def words(text: str, k: int) -> str:
        found = [w for w in WORD.findall(text) if len(w) > 3 and w.lower() not in STOPWORDS]
        return " ".join(rng.sample(found, min(k, len(found))))

    def dropped_word(text: str) -> str:
        # A text that differs from the claim by one dropped word, as a tipline sends.
        tokens = text.split()
        del tokens[rng.randrange(len(tokens))]
        return " ".join(tokens)

    def query(path: str, **params) -> str:
        return f"{path}?{urlencode(params)}"

    list_pages = max(math.ceil(public / PAGE_SIZE), 1)
    feed_pages = max(math.ceil(len(published) / PAGE_SIZE), 1)
    return [
        ("floor (bare Django JSON view)", ["/bench/floor/"]),
        ("embed card /embed/claims/<id>/", [f"/embed/claims/{pk}/" for pk in ids]),
        ("API detail /api/v1/claims/<id>/", [f"/api/v1/claims/{pk}/" for pk in ids]),
        ("API list /api/v1/claims/", ["/api/v1/claims/"]),
        (
            "API list, deep pages ?page=N",
            [
                query("/api/v1/claims/", page=rng.randint(list_pages // 2 + 1, list_pages))
                for _ in ids
            ],
        ),
        (
            "ClaimReview feed /api/v1/claimreview/",
            [
                query(
                    "/api/v1/claimreview/",
                    page=rng.randint(1, min(FEED_PAGES, feed_pages)),
                    page_size=PAGE_SIZE,
                )
                for _ in ids
            ],
        ),
        (
            "claims:search ?query=",
            [query("/api/v1/claims:search", query=words(texts[pk], 2)) for pk in ids],
        ),
        (
            "match /api/v1/claims/match/?text=",
            [query("/api/v1/claims/match/", text=dropped_word(texts[pk])) for pk in ids],
        ),
        ("readers' search /claims/?q=", [query("/claims/", q=words(texts[pk], 2)) for pk in ids]),
        ("claim page /claims/<id>/", [f"/claims/{pk}/" for pk in ids]),
        ("home page /", ["/"]),
        (
            "API search /api/v1/claims/?search=",
            [query("/api/v1/claims/", search=words(texts[pk], 2)) for pk in ids],
        ),
    ]


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Measure:
    name: str
    status: int | None
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    errors: int = 0
    answered: int = 0


def wrk(base: str, paths_file: Path, seconds: int, connections: int) -> dict:
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
        "-s", str(ROOT / "bench" / "paths.lua"), base, "--", str(paths_file),
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True)
    for line in run.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise BenchError(f"wrk gave no figures: {run.stderr.strip() or run.stdout.strip()}")


# Endpoints whose answers the server caches, measured warm as the issue's
# targets are (the others are measured as they come).
SERVED_WARM = {"embed card /embed/claims/<id>/", "API detail /api/v1/claims/<id>/"}


def measure(server: Server, name: str, paths: list[str], config: Config, work: Path) -> Measure:
    paths_file = work / f"paths-{len(list(work.glob('paths-*')))}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    status = fetch_status(server.base + paths[0])
    if config.warmup and name in SERVED_WARM:
        # Their targets are for warm answers: each one asked for once first.
        for path in dict.fromkeys(paths[1:]):
            fetch_status(server.base + path)
    if config.warmup:
        wrk(server.base, paths_file, config.warmup, config.connections)
        server.settle()
    figures = wrk(server.base, paths_file, config.duration, config.connections)
    server.settle()
    errors = sum(figures[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Measure(
        name=name,
        status=status,
        rps=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        errors=errors,
        answered=figures["requests"],
    )


@dataclass
class ImportResult:
    records: int
    seconds: float
    finished: bool
    exit_code: int | None
    summary: str
    peak_kb: int


def time_import(env: dict, config: Config, work: Path) -> ImportResult:
    feed = work / "claimreview.json"
    manage(
        env, "seed_bench", "--claimreview-out", str(feed),
        "--records", str(config.records), "--seed", str(config.seed),
    )  # fmt: skip
    log = work / "import.log"
    say(f"importing {config.records} ClaimReview records (output in {log})")
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "import_claimreview", str(feed)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    started = time.monotonic()
    exit_code, usage = None, None
    try:
        while time.monotonic() < started + config.import_timeout:
            # wait4 gives the child's own peak memory, which Popen.wait() does not.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                exit_code = os.waitstatus_to_exitcode(status)
                break
            time.sleep(0.2)
    finally:
        if exit_code is None:
            process.kill()
            _, _, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    lines = log.read_text(errors="replace").splitlines()
    return ImportResult(
        records=config.records,
        seconds=seconds,
        finished=exit_code is not None,
        exit_code=exit_code,
        summary=lines[-1] if lines else "",
        peak_kb=usage.ru_maxrss,
    )


# --- reporting --------------------------------------------------------------------------------


def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return "unknown"

    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return run.stdout.strip()

    dirty = git("status", "--porcelain", "--untracked-files=no")
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "CPU": f"{first('/proc/cpuinfo', 'model name')}, nproc {os.cpu_count()}",
        "memory": f"{int(mem_kb) / 1024 / 1024:.1f} GiB" if mem_kb.isdigit() else mem_kb,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD")
        + (" (with uncommitted changes)" if dirty else ""),
    }


def command_line() -> str:
    overrides = [f"{k}={os.environ[k]}" for k in ENV_DEFAULTS if k in os.environ]
    runner = "make bench" if "MAKELEVEL" in os.environ else "python bench/run.py"
    return " ".join([*overrides, runner])


def report(
    config: Config,
    about: dict,
    seeding_s: float | None,
    indexing_s: float | None,
    rows: list[Measure],
    peaks_kb: list[int],
    imported: ImportResult | None,
) -> str:
    floor = rows[0].rps or 1
    lines = [
        "# Benchmark results",
        "",
        f"`{command_line()}`: {config.claims:,} claims (seed {config.seed}), gunicorn with "
        f"{config.workers} sync workers, wrk with {config.connections} connections, "
        f"{config.duration} s per endpoint after {config.warmup} s of warm-up, all on one machine.",
        "",
        *(f"- {key}: {value}" for key, value in about.items()),
        *(
            [
                f"- seeding {config.claims:,} claims: {seeding_s:.0f} s",
                f"- embedding them (`index_claims`): {indexing_s:.0f} s "
                f"({config.claims / max(indexing_s, 0.001):,.0f} claims/s)",
            ]
            if seeding_s is not None
            else ["- seeded and embedded by an earlier run, copied (BENCH_REUSE=1)"]
        ),
        "",
        "| endpoint | requests/s | p50 ms | p95 ms | × floor | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        failed = f" (first answer: {row.status or 'none'})" if row.status != 200 else ""
        if not row.answered:
            failed += f" (no answer within {config.duration} s)"
        # wrk reports no latency when no request was answered in time.
        p50, p95 = (f"{row.p50_ms:,.1f}", f"{row.p95_ms:,.1f}") if row.answered else ("—", "—")
        lines.append(
            f"| {row.name}{failed} | {row.rps:,.1f} | {p50} | {p95} "
            f"| {row.rps / floor:.3f} | {row.errors} |"
        )
    lines += [
        "",
        "Errors: answers other than 2xx/3xx, socket errors and requests not answered "
        "within 30 s, counted by wrk.",
        "",
        "Peak worker memory (VmHWM): "
        + (", ".join(f"{kb / 1024:.0f} MiB" for kb in peaks_kb) or "unknown"),
    ]
    if imported is None:
        lines.append("`import_claimreview`: skipped (BENCH_RECORDS=0)")
    elif imported.finished:
        lines.append(
            f"`import_claimreview`: {imported.records:,} records in {imported.seconds:.1f} s "
            f"({imported.records / imported.seconds:,.0f} records/s), exit code "
            f"{imported.exit_code}, peak memory {imported.peak_kb / 1024:.0f} MiB: "
            f"“{imported.summary}”"
        )
    else:
        lines.append(
            f"`import_claimreview`: {imported.records:,} records did not finish within "
            f"{config.import_timeout} s (BENCH_IMPORT_TIMEOUT) and was stopped; the "
            "batches committed before then remain."
        )
    return "\n".join(lines) + "\n"


def run(config: Config):
    if not config.load_only:
        ensure_wrk()
    about = machine()
    env = server_env(config)
    if config.reuse:
        say(f"recreating the database from {seeded_copy(config.database_url)}")
        recreate_database(config.database_url, template=seeded_copy(config.database_url))
        # The code may have gained migrations since the copy was saved.
        manage(env, "migrate", "--noinput", "-v0")
        seeding_s = indexing_s = None
    else:
        say(f"recreating the database ({config.database_url})")
        recreate_database(config.database_url)
        manage(env, "migrate", "--noinput", "-v0")
        started = time.monotonic()
        manage(env, "seed_bench", "--claims", str(config.claims), "--seed", str(config.seed))
        seeding_s = time.monotonic() - started
        say(f"embedding {config.claims} claims (index_claims)")
        started = time.monotonic()
        manage(env, "index_claims", "--quiet")
        indexing_s = time.monotonic() - started
        recreate_database(config.database_url, save_as=seeded_copy(config.database_url))
    manage(env, "collectstatic", "--noinput", "-v0")
    empty_redis(config.redis_url)
    text, loaded = "", None
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        work = Path(tmp)
        plan = endpoints(env, config.seed)
        if not config.load_only:
            rows = []
            with Server(env, config.workers, work / "gunicorn.log") as server:
                for name, paths in plan:
                    say(f"measuring {name}")
                    rows.append(measure(server, name, paths, config, work))
                peaks_kb = server.worker_peak_memory_kb()
            imported = time_import(env, config, work) if config.records else None
            text = report(config, about, seeding_s, indexing_s, rows, peaks_kb, imported)
        if config.load_seconds:
            with Server(env, config.load_workers, work / "gunicorn-load.log") as server:
                loaded = load.run(
                    server.base,
                    plan,
                    seconds=config.load_seconds,
                    readers=config.load_readers,
                    editors=config.load_editors,
                    claims=config.load_claims,
                    workers=config.load_workers,
                    seed=config.seed,
                    say=say,
                )
            text += ("\n" if text else "") + load.report(loaded)
    print("\n" + text)
    if not config.load_only:
        RESULTS.write_text(text)
        say(f"written to {RESULTS.relative_to(ROOT)}")
    if loaded and loaded.failed:
        raise BenchError(f"the load test failed {len(loaded.problems)} check(s) (see above).")


def main() -> int:
    # `kill` or a closed terminal unwinds like Ctrl-C, so gunicorn is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run(Config.from_env())
    except (BenchError, load.LoadFailure) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
