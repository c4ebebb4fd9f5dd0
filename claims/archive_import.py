"""Restoring an archive into an empty database (`manage.py import_archive`).

Everything is checked before anything is written (the format, the version,
the schema, every file's checksum, that the database is empty), and the
rows go in in one transaction: a refused or failed import writes nothing.
Rows are inserted as they are (`raw`, as `loaddata` saves them, so no field
fills itself in: ids and timestamps stay the archive's), many to a
statement, without `save()` or its signals: no embedding, snapshot, quote
check or cache update is set off row by row.
"""

import hashlib
import io
import json
import zipfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.core.serializers import jsonl
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, transaction

from claims.archive import (
    FORMAT,
    MADE_BY_MIGRATE,
    MANIFEST,
    VERSION,
    ArchiveError,
    archived_models,
    label,
    schema_differences,
)
from claims.caching import site_changed

# Rows read before they are inserted: a few statements' worth.
ROWS_HELD = 2000


def import_archive(path: Path) -> dict:
    """Restore the archive at `path`; return its manifest."""
    with _opened(Path(path)) as archive:
        manifest = _manifest(archive)
        differences = schema_differences(manifest["migrations"])
        if differences:
            raise ArchiveError(
                "The archive was written at another schema ("
                + "; ".join(differences)
                + "): restore it with the Factcheck version that wrote it, then upgrade."
            )
        models = [_model(entry["model"]) for entry in manifest["files"]]
        with_passwords = manifest.get("with_passwords") is True
        for entry in manifest["files"]:
            _check_sha256(archive, entry)
        _check_empty()
        try:
            with transaction.atomic():
                _clear_rows_made_by_migrate()
                for model, entry in zip(models, manifest["files"], strict=True):
                    _load(archive, model, entry, with_passwords=with_passwords)
                # Deferred until commit otherwise, where the error would say less.
                connection.check_constraints(table_names=[m._meta.db_table for m in models])
                _reset_sequences(models)
        except (DeserializationError, DatabaseError) as error:
            # Checksums passed: the archive is as written, but does not fit this database.
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            raise ArchiveError(f"Nothing imported: {first_line or type(error).__name__}") from None
    # Pages cached before the import show another database's rows.
    site_changed()
    return manifest


@contextmanager
def _opened(path: Path):
    if not path.exists():
        raise ArchiveError(f"{path} does not exist.")
    if not path.is_file():
        raise ArchiveError(f"{path} is not a file.")
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except zipfile.BadZipFile as error:
        raise ArchiveError(f"{path} is not a readable zip file ({error}).") from None
    except OSError as error:
        raise ArchiveError(f"Cannot read {path}: {error.strerror or error}.") from None


def _manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise ArchiveError(f"Not a Factcheck archive: it holds no {MANIFEST}.") from None
    except ValueError:
        raise ArchiveError(f"Not a Factcheck archive: its {MANIFEST} is not JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"Not a Factcheck archive: its {MANIFEST} names no format {FORMAT!r}.")
    version = manifest.get("version")
    if not isinstance(version, int) or version < 1:
        raise ArchiveError(f"The archive's format version {version!r} is not a version number.")
    if version > VERSION:
        raise ArchiveError(
            f"The archive has format version {version}, newer than this Factcheck reads "
            f"({VERSION}): upgrade Factcheck to import it."
        )
    files = manifest.get("files")
    if not isinstance(manifest.get("migrations"), dict) or not isinstance(files, list):
        raise ArchiveError(f"The archive's {MANIFEST} lacks its migrations or its files.")
    for entry in files:
        if not isinstance(entry, dict) or not {"model", "file", "count", "sha256"} <= entry.keys():
            raise ArchiveError(f"The archive's {MANIFEST} lists a file without its details.")
    return manifest


def _model(name: str):
    try:
        return apps.get_model(name)
    except (LookupError, ValueError):
        raise ArchiveError(f"The archive holds rows of {name!r}, a model unknown here.") from None


def _check_sha256(archive: zipfile.ZipFile, entry: dict) -> None:
    digest = hashlib.sha256()
    try:
        with archive.open(entry["file"]) as member:
            while chunk := member.read(1 << 20):
                digest.update(chunk)
    except KeyError:
        raise ArchiveError(f"The archive is incomplete: {entry['file']} is missing.") from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise ArchiveError(f"The archive is damaged: {entry['file']}: {error}.") from None
    if digest.hexdigest() != entry["sha256"]:
        raise ArchiveError(f"The archive is damaged: {entry['file']} fails its SHA-256 check.")


def _check_empty() -> None:
    held = [
        label(model)
        for model in archived_models(with_secrets=True)
        if label(model) not in MADE_BY_MIGRATE and model._base_manager.exists()
    ]
    if held:
        more = f" and {len(held) - 3} more" if len(held) > 3 else ""
        raise ArchiveError(
            f"The database is not empty (it holds rows of {', '.join(held[:3])}{more}): "
            "import into a new database after `manage.py migrate`."
        )


def _clear_rows_made_by_migrate() -> None:
    # The archive holds these rows as they were edited. Plain SQL: deleting
    # through the ORM would send signals (a cache update) for each row.
    with connection.cursor() as cursor:
        for name in sorted(MADE_BY_MIGRATE):
            table = apps.get_model(name)._meta.db_table
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def _load(archive: zipfile.ZipFile, model, entry: dict, *, with_passwords: bool) -> None:
    users = get_user_model()
    count, rows = 0, []
    with archive.open(entry["file"]) as member:
        lines = io.TextIOWrapper(member, encoding="utf-8")
        for row in jsonl.Deserializer(lines, using=connection.alias):
            if row.object._meta.model is not model:
                raise ArchiveError(f"{entry['file']} holds rows of another model.")
            if model is users and not with_passwords:
                # Archived without hashes: an administrator sets new ones
                # (`manage.py changepassword`).
                row.object.set_unusable_password()
            rows.append(row.object)
            count += 1
            if len(rows) == ROWS_HELD:
                _insert(model, rows)
                rows = []
    _insert(model, rows)
    if count != entry["count"]:
        raise ArchiveError(
            f"The archive is damaged: {entry['file']} holds {count} rows, "
            f"its manifest says {entry['count']}."
        )


def _insert(model, rows: list) -> None:
    """Inserted with their ids, so that every URL stays the same, and every
    value as archived: `raw` keeps auto_now fields from stamping today. As
    many rows a statement as the database takes parameters for."""
    fields = model._meta.local_concrete_fields
    size = max(connection.ops.bulk_batch_size(fields, rows), 1)
    manager = model._base_manager.using(connection.alias)
    for start in range(0, len(rows), size):
        manager._insert(rows[start : start + size], fields=fields, raw=True)


def _reset_sequences(models) -> None:
    """New rows get ids after the imported ones (PostgreSQL's sequences do
    not move when rows are inserted with their ids)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
