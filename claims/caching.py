"""Server-side caches of what readers fetch most (embed cards, oEmbed answers,
API claim details, ClaimReview, the home page), never stale.

Each entry is stored with the tokens of everything it shows:
- one token per claim, for all the claim shows: its own row, speaker, topics,
  verdict, evidence and appearances with their sources and outlets,
  corrections (claims.invalidation replaces it on any such write);
- SITE, for what every entry may show: ratings, rating scales, pages;
- LISTS, for entries that list claims (the home page): replaced with any
  claim's token.
An entry is used only while all its tokens are still the ones it was built
under, and the tokens come back in the same round trip as the entry.

Tokens are fresh random strings, never counters: a token evicted from the
cache is recreated with a new value, so no old entry can match it again.
Entry keys also carry release_digest(), a digest of the templates, the code,
the static files' names and the settings that show in the output, so a deploy
never serves what the previous release rendered.
"""

import functools
import hashlib
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from sources.db_router import primary_reads

SITE = "token:site"
LISTS = "token:lists"
# Entries are rebuilt at least daily; tokens outlive them. Neither may be
# forever: a crawler trying every claim id would otherwise fill the cache.
ENTRY_TIMEOUT = 24 * 3600
TOKEN_TIMEOUT = 7 * 24 * 3600


SHOWN_SETTINGS = (
    "FACTCHECK_SITE_URL",
    "FACTCHECK_ORGANISATION_NAME",
    "FACTCHECK_ORGANISATION_URL",
    "STATIC_URL",
)


@functools.cache
def files_digest() -> str:
    """A digest of the templates, the code and the static files' hashed names
    (pages link them), read once per process at the first cache use."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    shown = {
        path.relative_to(root).as_posix(): path
        for path in [*root.glob("templates/**/*"), *root.glob("claims/**/*.py")]
    }
    # Names, not paths: web processes in other folders share the entries.
    shown["staticfiles.json"] = Path(settings.STATIC_ROOT) / "staticfiles.json"
    for name, path in sorted(shown.items()):
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def release_digest() -> str:
    """A digest of what shapes the cached output besides the database: the
    files above and the settings shown (read each time: they may change)."""
    shown = "\n".join(f"{name}={getattr(settings, name)}" for name in SHOWN_SETTINGS)
    return hashlib.sha256(f"{files_digest()}\n{shown}".encode()).hexdigest()[:12]


def claim_token(pk) -> str:
    return f"token:claim:{pk}"


def claim_tokens(pk) -> list[str]:
    """The tokens of an entry that shows one claim."""
    return [SITE, claim_token(pk)]


def entry_key(key: str) -> str:
    return f"entry:{release_digest()}:{key}"


def _current_tokens(token_keys: list[str], found: dict) -> tuple:
    tokens = []
    for key in token_keys:
        token = found.get(key)
        if token is None:
            token = secrets.token_hex(8)
            if not cache.add(key, token, TOKEN_TIMEOUT):
                # Another process created it first; use theirs.
                token = cache.get(key, token)
            # The entries of one page share tokens: create each once.
            found[key] = token
        tokens.append(token)
    return tuple(tokens)


def cached(key: str, tokens: list[str], build: Callable[[], object]):
    """The value stored under `key`, or `build()` (stored too) when there is
    none built under the current `tokens`. None is a value: a missing or
    non-public claim costs no query either until it changes."""
    found = cache.get_many([*tokens, entry_key(key)])
    current = _current_tokens(tokens, found)
    entry = found.get(entry_key(key))
    if entry is not None and entry[0] == current:
        return entry[1]
    # The tokens were read before the rows: a write committed after this
    # point replaces them, so what is stored below is never used after it.
    with primary_reads():
        value = build()
    cache.set(entry_key(key), (current, value), ENTRY_TIMEOUT)
    return value


def cached_many(keys: dict, tokens: Callable[[object], list[str]], build: Callable) -> dict:
    """cached() for several entries at once: `keys` maps ids to keys, `tokens(id)`
    lists an id's tokens, and `build(ids)` returns {id: value} for the ids
    whose entries were missing or out of date. Two round trips at most."""
    token_keys = {ident: tokens(ident) for ident in keys}
    wanted = {k for ks in token_keys.values() for k in ks} | {entry_key(k) for k in keys.values()}
    found = cache.get_many(list(wanted))
    values, stale = {}, {}
    for ident, key in keys.items():
        current = _current_tokens(token_keys[ident], found)
        entry = found.get(entry_key(key))
        if entry is not None and entry[0] == current:
            values[ident] = entry[1]
        else:
            stale[ident] = current
    if stale:
        with primary_reads():
            built = build(list(stale))
        cache.set_many({entry_key(keys[i]): (stale[i], built.get(i)) for i in stale}, ENTRY_TIMEOUT)
        values |= {i: built.get(i) for i in stale}
    return values


def _replace(token_keys: list[str]) -> None:
    # One fresh value for the whole batch: no entry was ever built under it.
    token = secrets.token_hex(8)
    cache.set_many(dict.fromkeys(token_keys, token), TOKEN_TIMEOUT)


def _replace_now_and_on_commit(token_keys: list[str]) -> None:
    # Now, so that the writing transaction reads its own writes; and again on
    # commit, because another process may have cached the old rows under the
    # first replacement before this transaction committed.
    _replace(token_keys)
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        transaction.on_commit(lambda: _replace(token_keys))


def claims_changed(pks: Iterable) -> None:
    """Every write to what a claim shows calls this, also bulk writes that
    bypass save() and its signals (QuerySet.update, bulk_create)."""
    keys = [claim_token(pk) for pk in set(pks)]
    if keys:
        _replace_now_and_on_commit([*keys, LISTS])


def site_changed() -> None:
    """Ratings, scales or pages changed: every entry is rebuilt."""
    _replace_now_and_on_commit([SITE])
