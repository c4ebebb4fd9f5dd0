"""The archive format shared by `export_archive` and `import_archive`.

An archive is one zip file: `manifest.json` and one JSON-lines file per
model, each line a row in Django's serialization format. Every model of
every installed app is archived but the few below, so fields and models
added later come along without touching this module; the manifest records
the migration state, and an archive is read only into a database at the
same state. See README, "Archive and restore".
"""

import datetime
import hashlib
import json
import sys
import tomllib
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers import jsonl
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "factcheck-archive"
VERSION = 1
MANIFEST = "manifest.json"

# No one's work: made again by `migrate` (content types, permissions) or
# short-lived (sessions, queued background tasks; embeddings and snapshots
# left waiting are made again by `index_claims` and `check_links`).
LEFT_OUT = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "django_tasks_database.dbtaskresult",
}
# Secrets like the password hashes: archived only with --with-passwords.
SECRETS = {"authtoken.token"}
# Filled by data migrations (the default rating scale, the editorial groups,
# the transparency pages): an empty database may hold them, and an import
# replaces them with the archive's.
MADE_BY_MIGRATE = {
    "auth.group",
    "auth.group_permissions",
    "claims.page",
    "claims.rating",
    "claims.ratingscale",
}
# Their ids differ between two databases: rows point at them by natural key.
BY_NATURAL_KEY = (ContentType, Permission)


class ArchiveError(Exception):
    """Why an archive cannot be written or read, in one line for the operator."""


def label(model) -> str:
    return model._meta.label_lower


def archived_models(*, with_secrets: bool) -> list:
    """Every model whose rows an archive holds, each after the models it
    points at, so that a row's references are in place before it."""
    chosen = {
        label(model): model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and label(model) not in LEFT_OUT
        and (with_secrets or label(model) not in SECRETS)
    }
    ordered, seen = [], set()

    def visit(model):
        if label(model) in seen:
            return
        seen.add(label(model))  # before the references: cycles end here
        for field in model._meta.concrete_fields:
            target = field.related_model
            if target is not None and label(target) in chosen:
                visit(target)
        ordered.append(model)

    for name in sorted(chosen):
        visit(chosen[name])
    return ordered


def password_field():
    return get_user_model()._meta.get_field("password")


def migration_state() -> dict[str, str]:
    """The latest applied migration of each app (numbered names sort in order)."""
    latest = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        latest[app_label] = name
    return latest


def schema_differences(archived: dict[str, str]) -> list[str]:
    here = migration_state()
    return [
        f"{app} {archived.get(app, 'none')} in the archive, {here.get(app, 'none')} here"
        for app in sorted(archived.keys() | here.keys())
        if archived.get(app) != here.get(app)
    ]


def app_versions() -> dict[str, str]:
    with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as file:
        factcheck = tomllib.load(file)["project"]["version"]
    return {
        "factcheck": factcheck,
        "django": django.get_version(),
        "python": ".".join(map(str, sys.version_info[:3])),
    }


class Serializer(jsonl.Serializer):
    """Django's JSON-lines rows, with four changes: times to the
    microsecond; content types and permissions by natural key; many-to-many
    links left to their own through models' files (one query per row
    otherwise); and the password hash only when asked for."""

    def __init__(self, *, with_passwords: bool):
        super().__init__()
        self.with_passwords = with_passwords
        self.count = 0

    def end_object(self, obj):
        # One write a row: json.dump() writes every token apart, a third of the time.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None
        self.count += 1

    def handle_field(self, obj, field):
        if field is password_field() and not self.with_passwords:
            return
        super().handle_field(obj, field)

    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        # DjangoJSONEncoder would keep milliseconds only.
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return value

    def handle_fk_field(self, obj, field):
        if issubclass(field.related_model, BY_NATURAL_KEY):
            related = getattr(obj, field.name)
            self._current[field.name] = related.natural_key() if related else None
        else:
            super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        pass


class HashingWriter:
    """Passes bytes on to `stream`, keeping their SHA-256."""

    def __init__(self, stream):
        self.stream = stream
        self.sha256 = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        return self.stream.write(data)

    def writable(self) -> bool:
        return True

    # io.TextIOWrapper asks these of the stream it wraps.
    def readable(self) -> bool:
        return False

    def seekable(self) -> bool:
        return False

    def flush(self) -> None:
        self.stream.flush()

    @property
    def closed(self) -> bool:
        return self.stream.closed
