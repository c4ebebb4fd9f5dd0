"""The load test of `make bench`: readers and editors on the site at once.

Before it, a researcher and editors (users with tokens, made here) take
BENCH_LOAD_CLAIMS claims through the publishing API from capture to review,
signed off by as many editors as FACTCHECK_SIGNOFF_QUORUM asks. Then, for
BENCH_LOAD_SECONDS, reader threads send anonymous GETs across the public
site, the API and the embeds (those very claims among them) while editor
threads publish, correct (to another rating) and retract them through the
API, re-reading and retrying when another editor's write made theirs stale.
Every write the API accepted is recorded. After it, the database, the
anonymous API detail, the embed card and the claim page of each claim must
show the last recorded write, with every correction, and no answer may have
been a 5xx or no answer at all.
"""

import html
import json
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

API = "/api/v1"
STALE = "This claim was changed by"  # claims.versioning's conflict message
ATTEMPTS = 20  # tries on one claim before an editor gives it up as contended
HOT = 3  # claims that half of the editors' actions go to
RETRACT_SHARE = 0.15  # of editors' actions on a published claim


class LoadFailure(Exception):
    """The load test could not be set up or run; one line says why."""


# --- talking to the server -----------------------------------------------------------------


@dataclass
class Answer:
    status: int | None  # None: no answer (refused, reset, timed out)
    body: bytes
    seconds: float

    def json(self):
        return json.loads(self.body)


def call(base: str, method: str, path: str, *, token: str = "", body=None) -> Answer:
    headers = {"Accept": "application/json, text/html"}
    data = None
    if token:
        headers["Authorization"] = f"Token {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            status, content = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, content = error.code, error.read()
    except OSError:
        status, content = None, b""
    return Answer(status, content, time.monotonic() - started)


def ok(answer: Answer, what: str) -> dict:
    """The JSON of a write that had to succeed while preparing."""
    if answer.status not in (200, 201):
        raise LoadFailure(f"{what}: {answer.status or 'no answer'} {answer.body[:300]!r}")
    return answer.json()


# --- the desk ------------------------------------------------------------------------------


@dataclass
class Desk:
    researcher: str  # username
    tokens: dict[str, str]  # username: token
    editors: list[str]
    quorum: int


def make_desk(editors: int) -> Desk:
    """A researcher and editors with API tokens, enough to meet the sign-off quorum
    without the publisher. Needs Django set up (bench.run.endpoints does)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connections
    from rest_framework.authtoken.models import Token

    quorum = settings.FACTCHECK_SIGNOFF_QUORUM

    def member(username: str, group: str) -> str:
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
        )
        user.groups.add(Group.objects.get(name=group))
        return Token.objects.get_or_create(user=user)[0].key

    tokens = {"load-researcher": member("load-researcher", "Researchers")}
    names = [f"load-editor-{n}" for n in range(1, max(editors, quorum + 1) + 1)]
    tokens |= {name: member(name, "Editors") for name in names}
    connections.close_all()
    return Desk("load-researcher", tokens, names, quorum)


def prepare_claim(base: str, desk: Desk, n: int) -> tuple[int, list[dict]]:
    """Capture claim `n` through the API and take it to review with its sign-offs;
    (its id, the ratings of its verdict's scale)."""
    token = desk.tokens[desk.researcher]

    def write(method: str, path: str, body: dict, what: str, as_token: str = token) -> dict:
        return ok(call(base, method, f"{API}/claims/{path}", token=as_token, body=body), what)

    claim = write(
        "POST",
        "",
        {
            "text": f"Load test claim {n}: the city planted {1000 + n} trees last year.",
            "appearances": [
                {"url": f"https://example.org/load/{n}", "title": f"Speech {n}", "is_first": True}
            ],
        },
        "capturing a claim",
    )
    pk = claim["id"]
    v = write("POST", f"{pk}/start_research/", {"expected_version": claim["version"]}, "research")
    v = v["version"]
    write(
        "POST",
        f"{pk}/evidence/",
        {"url": f"https://example.org/records/{n}", "title": "Records", "stance": "refutes"},
        "attaching evidence",
    )
    v = ok(call(base, "GET", f"{API}/claims/{pk}/", token=token), "reading it back")["version"]
    claim = write(
        "PUT",
        f"{pk}/verdict/",
        {
            "expected_version": v,
            "rating": "false",
            "headline": f"Not {1000 + n}",
            "summary": "The records show fewer trees.",
            "explanation": "The parks department's records disagree.",
            "authors": [desk.researcher],
        },
        "writing the verdict",
    )
    v = write("POST", f"{pk}/submit/", {"expected_version": claim["version"]}, "submitting")
    v = v["version"]
    for editor in desk.editors[: desk.quorum]:
        v = write(
            "POST", f"{pk}/sign_off/", {"expected_version": v}, "signing off", desk.tokens[editor]
        )["version"]
    scale = claim["verdict"]["rating"]["scale"]["id"]
    ratings = ok(call(base, "GET", f"{API}/ratings/?page_size=100"), "reading the ratings")
    return pk, [r for r in ratings["results"] if r["scale"]["id"] == scale]


# --- what happened -------------------------------------------------------------------------


@dataclass(frozen=True)
class Write:
    """A write the API accepted, as its answer showed the claim."""

    claim: int
    action: str
    version: int
    state: str
    rating: str  # slug
    label: str
    note: str = ""


@dataclass
class Expected:
    """What every view of a claim must show after the writes."""

    claim: int
    version: int
    state: str
    rating: str
    label: str
    corrections: list[str] = field(default_factory=list)
    retraction_note: str = ""


def expected_claims(writes: list[Write]) -> dict[int, Expected]:
    """Each written claim as its last accepted write left it, with every correction."""
    found: dict[int, Expected] = {}
    for write in sorted(writes, key=lambda w: (w.claim, w.version)):
        known = found.get(write.claim)
        corrections = known.corrections if known else []
        found[write.claim] = Expected(
            claim=write.claim,
            version=write.version,
            state=write.state,
            rating=write.rating,
            label=write.label,
            corrections=corrections + ([write.note] if write.action == "correct" else []),
            retraction_note=write.note if write.action == "retract" else "",
        )
    return found


def claim_problems(expected: Expected, seen: dict, where: str) -> list[str]:
    """How a claim as the API shows it (or the database, in the same shape) differs."""
    problems = []
    rating = ((seen.get("verdict") or {}).get("rating") or {}).get("slug")
    notes = [c["note"] for c in seen.get("corrections", [])]
    for name, want, got in [
        ("state", expected.state, seen.get("state")),
        ("version", expected.version, seen.get("version")),
        ("rating", expected.rating, rating),
        ("retraction note", expected.retraction_note, seen.get("retraction_note", "")),
    ]:
        if want != got:
            problems.append(f"claim {expected.claim} {where}: {name} {got!r}, not {want!r}")
    missing = [note for note in expected.corrections if note not in notes]
    if missing:
        problems.append(f"claim {expected.claim} {where}: corrections missing: {missing}")
    return problems


BADGE = re.compile(r'<span class="badge[^"]*"[^>]*>([^<]*)</span>')


def badge_problems(expected: Expected, status: int | None, page: str, where: str) -> list[str]:
    """How a card or claim page differs: its first rating badge must name the
    latest rating, or say Retracted."""
    if status != 200:
        return [f"claim {expected.claim} {where}: answered {status or 'nothing'}, not 200"]
    found = BADGE.search(page)
    shown = html.unescape(found.group(1)) if found else None
    want = "Retracted" if expected.state == "retracted" else expected.label
    if shown != want:
        return [f"claim {expected.claim} {where}: shows {shown!r}, not {want!r}"]
    return []


# --- the load ------------------------------------------------------------------------------


@dataclass
class Tally:
    """Every answer, by kind (readers' site, api, embed; editor: with a token), under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter = field(default_factory=Counter)  # (kind, status)
    seconds: dict = field(default_factory=lambda: defaultdict(list))
    writes: list[Write] = field(default_factory=list)
    conflicts: int = 0
    given_up: int = 0  # claims left after ATTEMPTS stale versions in a row
    refusals: list[str] = field(default_factory=list)

    def count(self, kind: str, answer: Answer):
        with self.lock:
            self.statuses[kind, answer.status] += 1
            self.seconds[kind].append(answer.seconds)


def reader(base: str, paths: dict, seed: int, stop: threading.Event, tally: Tally):
    """Anonymous GETs until stopped: a kind, then an endpoint of that kind (see
    reader_paths), then one of its paths."""
    rng = random.Random(seed)
    kinds = sorted(paths)
    while not stop.is_set():
        kind = rng.choice(kinds)
        # Half of the requests are about the claims being written.
        endpoint = rng.choice(paths[kind][rng.random() < 0.5])
        tally.count(kind, call(base, "GET", rng.choice(endpoint)))


def editor(base: str, token: str, pool: list, ratings, keep: int, seed: int, stop, tally: Tally):
    """Publish, correct or retract claims of the shared pool until stopped;
    a stale version means another editor got there first: read again, retry.
    Retractions stop while only `keep` claims are left to act on."""
    rng = random.Random(seed)
    while not stop.is_set():
        with tally.lock:
            if not pool:
                return
            # Half the time one of the first few: editors meet on a claim and conflict.
            pk = rng.choice(pool[:HOT] if rng.random() < 0.5 else pool)
        for _ in range(ATTEMPTS):
            read = call(base, "GET", f"{API}/claims/{pk}/", token=token)
            tally.count("editor", read)
            if read.status != 200:
                with tally.lock:
                    tally.refusals.append(f"reading {pk}: {read.status or 'no answer'}")
                break
            claim = read.json()
            if claim["state"] == "retracted":
                with tally.lock:
                    if pk in pool:
                        pool.remove(pk)
                break
            body = {"expected_version": claim["version"]}
            if claim["state"] == "in_review":
                action = "publish"
            elif rng.random() < RETRACT_SHARE and len(pool) > keep:
                action = "retract"
                body["comment"] = f"Retracted in the load test ({claim['version']})."
            else:
                action = "correct"
                current = claim["verdict"]["rating"]["slug"]
                body["rating"] = rng.choice(
                    [r["slug"] for r in ratings[pk] if r["slug"] != current]
                )
                body["comment"] = f"Corrected in the load test ({claim['version']})."
            answer = call(base, "POST", f"{API}/claims/{pk}/{action}/", token=token, body=body)
            tally.count("editor", answer)
            if answer.status == 200:
                done = answer.json()
                rating = done["verdict"]["rating"]
                with tally.lock:
                    tally.writes.append(
                        Write(
                            pk,
                            action,
                            done["version"],
                            done["state"],
                            rating["slug"],
                            rating["label"],
                            body.get("comment", ""),
                        )
                    )
                break
            if answer.status == 400 and STALE in answer.body.decode(errors="replace"):
                with tally.lock:
                    tally.conflicts += 1
                continue
            with tally.lock:
                tally.refusals.append(f"{action} on {pk}: {answer.status} {answer.body[:200]!r}")
            break
        else:
            with tally.lock:
                tally.given_up += 1


# --- checking ------------------------------------------------------------------------------


def answer_problems(tally: Tally) -> list[str]:
    """Server errors, requests never answered, and writes refused for any reason
    but a stale version."""
    problems = [
        f"{count} answer(s) {status or 'missing'} to {kind} requests"
        for (kind, status), count in sorted(tally.statuses.items(), key=str)
        if status is None or status >= 500
    ]
    return problems + [f"refused: {refusal}" for refusal in tally.refusals]


def database_view(pks) -> dict[int, dict]:
    """The claims as the database holds them, in the API's shape."""
    from django.db import connections

    from claims.models import Claim

    found = {}
    for claim in Claim.objects.filter(pk__in=pks).select_related("verdict__rating"):
        verdict = getattr(claim, "verdict", None)
        rating = verdict.rating if verdict else None
        found[claim.pk] = {
            "state": claim.state,
            "version": claim.version,
            "verdict": {"rating": {"slug": rating.slug} if rating else None},
            "corrections": [{"note": c.note} for c in claim.corrections.all()],
            "retraction_note": claim.retraction_note,
        }
    connections.close_all()
    return found


def check(base: str, prepared: list[int], writes: list[Write]) -> list[str]:
    """Everything that differs from the recorded writes; empty when nothing was lost."""
    expected = expected_claims(writes)
    stored = database_view(prepared)
    problems = []
    for pk in prepared:
        if pk not in expected:
            # Never published: still in review, so anonymous readers must not find it.
            for path in (f"{API}/claims/{pk}/", f"/embed/claims/{pk}/", f"/claims/{pk}/"):
                status = call(base, "GET", path).status
                if status != 404:
                    problems.append(f"claim {pk} in review: {path} answered {status}, not 404")
            continue
        want = expected[pk]
        problems += claim_problems(want, stored.get(pk, {}), "in the database")
        api = call(base, "GET", f"{API}/claims/{pk}/")
        if api.status == 200:
            problems += claim_problems(want, api.json(), "in the API")
        else:
            problems.append(f"claim {pk}: the API detail answered {api.status}, not 200")
        for where, path in (("embed card", f"/embed/claims/{pk}/"), ("page", f"/claims/{pk}/")):
            answer = call(base, "GET", path)
            page = answer.body.decode(errors="replace")
            problems += badge_problems(want, answer.status, page, where)
        review = call(base, "GET", f"{API}/claims/{pk}/claimreview/").status
        if review != (410 if want.state == "retracted" else 200):
            problems.append(f"claim {pk}: its ClaimReview answered {review} when {want.state}")
    return problems


# --- the whole test ------------------------------------------------------------------------


@dataclass
class LoadResult:
    seconds: float
    readers: int
    editors: int
    workers: int
    claims: int
    prepare_s: float
    tally: Tally
    problems: list[str]

    @property
    def failed(self) -> bool:
        return bool(self.problems)


def kind_of(path: str) -> str | None:
    """Which readers' requests `path` counts among; None for the bench's floor view."""
    if path.startswith("/bench/"):
        return None
    if path.startswith("/api/"):
        return "api"
    if path.startswith(("/embed/", "/oembed/", "/static/")):
        return "embed"
    return "site"


def reader_paths(plan: list[tuple[str, list[str]]], base: str, pks: list[int]) -> dict:
    """By kind: (the seeded endpoints' paths, the written claims' endpoints' paths),
    each endpoint a list of paths to choose from."""
    seeded = {"site": [], "api": [], "embed": [["/static/embed.js"]]}
    for _, paths in plan:
        kinds = {kind_of(path) for path in paths}
        if len(kinds) == 1 and None not in kinds:
            seeded[kinds.pop()].append(paths)
    oembed = [f"/oembed/?{urlencode({'url': f'{base}/claims/{pk}/'})}" for pk in pks]
    written = {
        "site": [[f"/claims/{pk}/" for pk in pks]],
        "api": [
            [f"{API}/claims/{pk}/" for pk in pks],
            [f"{API}/claims/{pk}/claimreview/" for pk in pks],
        ],
        "embed": [[f"/embed/claims/{pk}/" for pk in pks], oembed],
    }
    return {kind: (seeded[kind], written[kind]) for kind in seeded}


def run(base: str, plan, *, seconds, readers, editors, claims, workers, seed, say) -> LoadResult:
    """Prepare `claims` claims, load the server at `base` for `seconds` with
    `readers` and `editors` threads (reading `plan`'s paths too), check."""
    desk = make_desk(editors)
    say(f"load test: preparing {claims} claims through the API")
    started = time.monotonic()
    prepared, ratings = [], {}
    for n in range(1, claims + 1):
        pk, scale = prepare_claim(base, desk, n)
        prepared.append(pk)
        ratings[pk] = scale
    prepare_s = time.monotonic() - started
    say(f"load test: {readers} readers and {editors} editors for {seconds} s")
    tally, stop, pool = Tally(), threading.Event(), list(prepared)
    paths = reader_paths(plan, base, prepared)
    threads = [
        threading.Thread(target=reader, args=(base, paths, seed * 1000 + n, stop, tally))
        for n in range(readers)
    ]
    for n in range(editors):
        token = desk.tokens[desk.editors[n % len(desk.editors)]]
        seeded = seed * 1000 + readers + n
        threads.append(
            threading.Thread(
                target=editor, args=(base, token, pool, ratings, claims // 2, seeded, stop, tally)
            )
        )
    for thread in threads:
        thread.start()
    started = time.monotonic()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    say("load test: checking every write")
    problems = answer_problems(tally) + check(base, prepared, tally.writes)
    return LoadResult(elapsed, readers, editors, workers, claims, prepare_s, tally, problems)


def percentiles_ms(seconds: list[float]) -> tuple[float, float]:
    if len(seconds) == 1:
        return seconds[0] * 1000, seconds[0] * 1000
    cuts = statistics.quantiles(seconds, n=100)
    return cuts[49] * 1000, cuts[94] * 1000


def report(result: LoadResult) -> str:
    tally = result.tally
    by_action = Counter(w.action for w in tally.writes)
    lines = [
        "## Load test",
        "",
        f"{result.seconds:.0f} s of {result.readers} anonymous reader threads and "
        f"{result.editors} editor threads on {result.claims} claims prepared through the "
        f"API ({result.prepare_s:.0f} s), gunicorn with {result.workers} sync workers.",
        "",
        "| requests | requests/s | p50 ms | p95 ms | answers |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for kind in ("site", "api", "embed", "editor"):
        times = sorted(tally.seconds.get(kind, []))
        if not times:
            continue
        p50, p95 = percentiles_ms(times)
        statuses = ", ".join(
            f"{status or 'none'}: {count}"
            for (k, status), count in sorted(tally.statuses.items(), key=str)
            if k == kind
        )
        lines.append(
            f"| {kind} | {len(times) / result.seconds:,.1f} | {p50:,.0f} | {p95:,.0f} "
            f"| {statuses} |"
        )
    lines += [
        "",
        f"Writes accepted: {len(tally.writes)} ({by_action['publish']} published, "
        f"{by_action['correct']} corrected, {by_action['retract']} retracted); "
        f"{tally.conflicts} stale-version conflicts re-read and retried"
        f"{f', {tally.given_up} times given up after {ATTEMPTS}' if tally.given_up else ''}.",
        "",
        "Checks: no 5xx and no missing answer; every accepted write in the database, the "
        "anonymous API detail, the embed card and the claim page; in-review claims 404 "
        "to readers: "
        + ("all passed." if not result.problems else f"{len(result.problems)} FAILED:"),
        *(f"- {problem}" for problem in result.problems[:50]),
    ]
    return "\n".join(lines) + "\n"
