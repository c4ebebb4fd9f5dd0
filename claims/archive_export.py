"""Writing an archive (`manage.py export_archive`); the format is claims.archive's."""

import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from claims.archive import (
    BY_NATURAL_KEY,
    FORMAT,
    MANIFEST,
    VERSION,
    ArchiveError,
    HashingWriter,
    Serializer,
    app_versions,
    archived_models,
    label,
    migration_state,
)

CHUNK_SIZE = 2000


def export_archive(path: Path, *, with_passwords: bool = False) -> dict:
    """Write the archive to `path`, a file that must not exist yet; return its manifest.

    The zip is written beside `path` under a temporary name and renamed at
    the end, so an export that fails leaves no half-written archive."""
    path = Path(path)
    if path.exists() or path.is_symlink():
        raise ArchiveError(f"{path} already exists; give a new file name or remove it first.")
    try:
        partial = tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".partial", delete=False
        )
    except OSError as error:
        raise ArchiveError(f"Cannot write {path}: {error.strerror}.") from None
    try:
        with partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            manifest = _write(archive, with_passwords=with_passwords)
        os.replace(partial.name, path)
    except OSError as error:
        raise ArchiveError(f"Cannot write {path}: {error.strerror}.") from None
    finally:
        if os.path.exists(partial.name):
            os.unlink(partial.name)
    return manifest


def _write(archive: zipfile.ZipFile, *, with_passwords: bool) -> dict:
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table: rows written while the export
            # runs are all in it or all out of it.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        files = [
            _write_model(archive, model, with_passwords=with_passwords)
            for model in archived_models(with_secrets=with_passwords)
        ]
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "app_versions": app_versions(),
            "database": connection.vendor,
            "migrations": migration_state(),
            "with_passwords": with_passwords,
            "files": files,
        }
    archive.writestr(_member(MANIFEST), json.dumps(manifest, indent=2) + "\n")
    return manifest


def _write_model(archive: zipfile.ZipFile, model, *, with_passwords: bool) -> dict:
    name = f"{label(model)}.jsonl"
    natural = [
        field.name
        for field in model._meta.concrete_fields
        if field.related_model and issubclass(field.related_model, BY_NATURAL_KEY)
    ]
    rows = model._base_manager.order_by("pk")
    if natural:  # select_related() with no names would follow every foreign key
        rows = rows.select_related(*natural)
    serializer = Serializer(with_passwords=with_passwords)
    with archive.open(_member(name), "w", force_zip64=True) as member:
        hashing = HashingWriter(member)
        text = io.TextIOWrapper(hashing, encoding="utf-8", newline="\n")
        # Rows stream in chunks (a server-side cursor on PostgreSQL): the
        # whole table is never in memory.
        serializer.serialize(rows.iterator(CHUNK_SIZE), stream=text)
        text.flush()
        text.detach()
    return {
        "model": label(model),
        "file": name,
        "count": serializer.count,
        "sha256": hashing.sha256.hexdigest(),
    }


def _member(name: str) -> zipfile.ZipInfo:
    member = zipfile.ZipInfo(name, date_time=timezone.now().timetuple()[:6])
    member.compress_type = zipfile.ZIP_DEFLATED
    return member
