"""export_archive and import_archive: a round trip restores the same content,
and every refusal leaves the database as it was."""

import hashlib
import json
import stat
import zipfile
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.authtoken.models import Token

from claims.defaults import ensure_default_scale, ensure_groups, ensure_pages
from claims.models import Claim, ClaimEmbedding, Page, Rating, RatingScale, SignOff
from tests.factories import ClaimFactory, SourceSnapshotFactory

# Compared apart: made again by migrate (content types and permissions rows
# point at by natural key), or never archived (sessions, queued tasks).
NOT_COMPARED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "django_tasks_database.dbtaskresult",
}
NATURAL_KEY_PATHS = {
    ContentType: ["app_label", "model"],
    Permission: ["codename", "content_type__app_label", "content_type__model"],
}


def content_hashes(*, passwords: bool = False) -> dict[str, str]:
    """Per model, a hash of every row's values in primary key order; rows
    that point at a content type or a permission name it by its natural key,
    since their ids differ between databases."""
    hashes = {}
    for model in apps.get_models(include_auto_created=True):
        name = model._meta.label_lower
        if name in NOT_COMPARED or model._meta.proxy:
            continue
        columns = []
        for field in model._meta.concrete_fields:
            if field.name == "password" and model is User and not passwords:
                continue
            paths = NATURAL_KEY_PATHS.get(field.related_model)
            if paths:
                columns += [f"{field.name}__{path}" for path in paths]
            else:
                columns.append(field.attname)
        rows = list(model._base_manager.order_by("pk").values_list(*columns))
        hashes[name] = f"{len(rows)} rows " + hashlib.sha256(repr(rows).encode()).hexdigest()
    return hashes


def after_migrate():
    """An empty database as `migrate` leaves it: the data migrations' rows."""
    call_command("flush", interactive=False, verbosity=0)
    ensure_default_scale(RatingScale, Rating)
    ensure_groups(apps.get_model("auth", "Group"), Permission)
    ensure_pages(Page)


@pytest.fixture
def newsroom(installation_rows):
    """The demo newsroom, plus what the demo lacks: a snapshot with its
    body, a sign-off, an embedding, an admin log entry, a user's own
    permission, an API token, and a page edited since migrate made it."""
    # Embedding the demo's claims for real takes minutes: one stands in for them.
    with mock.patch("claims.indexing.schedule"):
        call_command("load_demo", verbosity=0)
    claim = Claim.objects.filter(verdict__isnull=False).order_by("pk").first()
    editor = User.objects.filter(is_staff=True).order_by("pk").first()
    SourceSnapshotFactory(source=claim.appearances.first().source, body=b"\x00\xff<p>bytes</p>")
    SignOff.objects.create(
        claim=claim, editor=editor, rating=claim.verdict.rating, rating_revision=1
    )
    ClaimEmbedding.objects.create(claim=claim, model="test", digest="0" * 64, vector=b"\x01\x02")
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(Claim),
        object_id=str(claim.pk),
        object_repr=str(claim)[:200],
        action_flag=CHANGE,
        change_message="[]",
    )
    editor.user_permissions.add(Permission.objects.get(codename="view_logentry"))
    Token.objects.create(user=editor)
    Page.objects.filter(pk=Page.objects.order_by("pk").first().pk).update(body="Edited since.")
    return claim


@pytest.mark.django_db(transaction=True)
def test_it_restores_the_same_content_into_an_empty_database(newsroom, tmp_path):
    before = content_hashes()
    call_command("export_archive", tmp_path / "newsroom.zip", verbosity=0)
    after_migrate()
    with (
        mock.patch("claims.indexing.schedule") as embedding,
        mock.patch("claims.snapshotting.schedule") as snapshotting,
        mock.patch("claims.invalidation.claims_changed") as claims_changed,
        mock.patch("claims.invalidation.site_changed") as site_changed,
        mock.patch("claims.quotes.recheck_source") as rechecking,
        mock.patch("django.conf.settings.FACTCHECK_SNAPSHOT_ON_ATTACH", True),
    ):
        call_command("import_archive", tmp_path / "newsroom.zip", verbosity=0)

    del before["authtoken.token"]  # an API token is a secret, like a password
    after = content_hashes()
    assert after.pop("authtoken.token").startswith("0 rows")
    assert after == before
    # The rows went in raw: nothing was fetched, embedded, checked or invalidated row by row.
    for receiver_work in (embedding, snapshotting, claims_changed, site_changed, rechecking):
        receiver_work.assert_not_called()
    assert not any(user.has_usable_password() for user in User.objects.all())


@pytest.mark.django_db(transaction=True)
def test_it_keeps_passwords_and_tokens_when_asked(newsroom, tmp_path):
    editor = User.objects.filter(is_staff=True).order_by("pk").first()
    editor.set_password("a long passphrase")
    editor.save()
    before = content_hashes(passwords=True)
    call_command("export_archive", tmp_path / "newsroom.zip", "--with-passwords", verbosity=0)
    after_migrate()

    call_command("import_archive", tmp_path / "newsroom.zip", verbosity=0)

    assert content_hashes(passwords=True) == before
    assert User.objects.get(pk=editor.pk).check_password("a long passphrase")


@pytest.mark.django_db(transaction=True)
def test_new_rows_after_an_import_take_new_ids(newsroom, tmp_path):
    call_command("export_archive", tmp_path / "newsroom.zip", verbosity=0)
    imported = set(Claim.objects.values_list("pk", flat=True))
    after_migrate()
    call_command("import_archive", tmp_path / "newsroom.zip", verbosity=0)

    with mock.patch("claims.indexing.schedule"):  # embedding it would load the model
        claim = ClaimFactory()  # PostgreSQL's sequences moved past the imported ids

    assert claim.pk > max(imported)
    assert set(Claim.objects.values_list("pk", flat=True)) == imported | {claim.pk}


# --- Refusals --------------------------------------------------------------


@pytest.fixture
def archive(db, tmp_path):
    """An archive of a small newsroom, whose rows are then taken out of the
    database again but for those migrate makes."""
    ClaimFactory.create_batch(2)
    path = tmp_path / "newsroom.zip"
    call_command("export_archive", path, verbosity=0)
    kept = NOT_COMPARED | {
        "auth.group",
        "auth.group_permissions",
        "claims.page",
        "claims.rating",
        "claims.ratingscale",
    }
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.label_lower not in kept and not model._meta.proxy:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    return path


def rewritten(path, **changes) -> None:
    """The archive at `path` with some files' bytes replaced (by name)."""
    with zipfile.ZipFile(path) as old:
        files = {name: old.read(name) for name in old.namelist()}
    path.unlink()
    with zipfile.ZipFile(path, "w") as new:
        for name, data in (files | changes).items():
            new.writestr(name, data)


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def refused_import(path, message: str) -> None:
    before = content_hashes(passwords=True)
    with pytest.raises(CommandError, match=message):
        call_command("import_archive", path, verbosity=0)
    assert content_hashes(passwords=True) == before


def test_the_archive_fixture_leaves_only_what_migrate_makes(archive):
    # Else the refusals below would be refusals of a non-empty database.
    assert not Claim.objects.exists() and not User.objects.exists()
    assert manifest_of(archive)["files"]


def test_it_refuses_a_database_that_is_not_empty(archive):
    ClaimFactory()
    refused_import(archive, r"^The database is not empty \(it holds rows of .*claims\.claim")


def test_it_refuses_a_newer_format_version(archive):
    manifest = manifest_of(archive) | {"version": 2}
    rewritten(archive, **{"manifest.json": json.dumps(manifest)})
    refused_import(archive, r"format version 2, newer than this Factcheck reads \(1\)")


def test_it_refuses_an_unknown_format(archive):
    manifest = manifest_of(archive) | {"format": "something-else"}
    rewritten(archive, **{"manifest.json": json.dumps(manifest)})
    refused_import(archive, "Not a Factcheck archive: its manifest.json names no format")


def test_it_refuses_a_zip_without_a_manifest(tmp_path, db):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as other:
        other.writestr("readme.txt", "Not an archive.")
    refused_import(path, "Not a Factcheck archive: it holds no manifest.json")


def test_it_refuses_an_archive_from_another_schema(archive):
    manifest = manifest_of(archive)
    manifest["migrations"]["claims"] = "9999_from_the_future"
    rewritten(archive, **{"manifest.json": json.dumps(manifest)})
    refused_import(archive, r"another schema \(claims 9999_from_the_future in the archive, ")


def test_it_refuses_a_file_that_fails_its_checksum(archive):
    with zipfile.ZipFile(archive) as old:
        claims = old.read("claims.claim.jsonl")
    rewritten(archive, **{"claims.claim.jsonl": claims.replace(b'"text": "', b'"text": "Not ')})
    refused_import(archive, "claims.claim.jsonl fails its SHA-256 check")


def test_it_refuses_an_archive_missing_a_file(archive):
    with zipfile.ZipFile(archive) as old:
        files = {name: old.read(name) for name in old.namelist() if name != "claims.claim.jsonl"}
    archive.unlink()
    with zipfile.ZipFile(archive, "w") as new:
        for name, data in files.items():
            new.writestr(name, data)
    refused_import(archive, "The archive is incomplete: claims.claim.jsonl is missing")


def test_it_refuses_a_truncated_archive(archive):
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    refused_import(archive, "is not a readable zip file")


def test_it_refuses_a_file_that_is_not_a_zip(tmp_path, db):
    path = tmp_path / "claims.json"
    path.write_text("[]")
    refused_import(path, "claims.json is not a readable zip file")


def test_it_refuses_a_missing_path(tmp_path, db):
    refused_import(tmp_path / "nowhere.zip", "nowhere.zip does not exist")


def test_it_refuses_a_directory(tmp_path, db):
    refused_import(tmp_path, "is not a file")


def test_rows_that_do_not_fit_roll_the_whole_import_back(archive):
    # Checksums that match, and a claim whose speaker is in no file.
    with zipfile.ZipFile(archive) as old:
        lines = old.read("claims.claim.jsonl").decode().splitlines()
    row = json.loads(lines[0])
    row["fields"]["speaker"] = 999_999
    claims = "\n".join([*lines[:-1], json.dumps(row)]).encode() + b"\n"
    manifest = manifest_of(archive)
    for entry in manifest["files"]:
        if entry["file"] == "claims.claim.jsonl":
            entry["sha256"] = hashlib.sha256(claims).hexdigest()
    rewritten(archive, **{"claims.claim.jsonl": claims, "manifest.json": json.dumps(manifest)})
    refused_import(archive, "^Nothing imported: ")


def test_export_refuses_an_existing_file_and_leaves_it_alone(tmp_path, db):
    path = tmp_path / "kept.zip"
    path.write_bytes(b"an older archive")
    with pytest.raises(CommandError, match="kept.zip already exists"):
        call_command("export_archive", path, verbosity=0)
    assert path.read_bytes() == b"an older archive"


@pytest.mark.parametrize("where", ["missing/folder/out.zip", "a-file/out.zip"])
def test_export_refuses_a_path_it_cannot_write(tmp_path, db, where):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(CommandError, match=r"^Cannot write .*out\.zip: "):
        call_command("export_archive", tmp_path / where, verbosity=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_a_failed_export_leaves_no_partial_file(tmp_path, db):
    ClaimFactory()
    with (
        mock.patch("claims.archive_export.migration_state", side_effect=OSError(28, "No space")),
        pytest.raises(CommandError, match="^Cannot write .*out.zip: No space"),
    ):
        call_command("export_archive", tmp_path / "out.zip", verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_the_manifest_describes_the_archive(archive):
    manifest = manifest_of(archive)
    with zipfile.ZipFile(archive) as zipped:
        for entry in manifest["files"]:
            data = zipped.read(entry["file"])
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
            assert len(data.splitlines()) == entry["count"]
    assert manifest["format"] == "factcheck-archive" and manifest["version"] == 1
    assert manifest["migrations"]["claims"].startswith("0")
    assert manifest["database"] == connection.vendor
    counts = {entry["model"]: entry["count"] for entry in manifest["files"]}
    assert counts["claims.claim"] == 2
    # No password hashes, no tokens, no rows migrate makes itself.
    assert "authtoken.token" not in counts and "auth.permission" not in counts
    with zipfile.ZipFile(archive) as zipped:
        users = [json.loads(line) for line in zipped.read("auth.user.jsonl").splitlines()]
    assert users and all("password" not in user["fields"] for user in users)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # names and e-mail addresses
