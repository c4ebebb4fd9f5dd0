from django.core.management.base import BaseCommand, CommandError

from claims.archive import ArchiveError
from claims.archive_export import export_archive


class Command(BaseCommand):
    help = (
        "Write every claim, verdict, source, snapshot, page, user and their history to "
        "a new archive file (a zip; README, “Archive and restore”). Password hashes and "
        "API tokens are left out unless --with-passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, a file that does not exist yet.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="Also archive password hashes and API tokens: keep the file as safe as both.",
        )

    def handle(self, *args, path, with_passwords, **options):
        try:
            manifest = export_archive(path, with_passwords=with_passwords)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        rows = sum(entry["count"] for entry in manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {rows} rows of {len(manifest['files'])} models to {path} "
                f"(format {manifest['format']} version {manifest['version']}"
                f"{', with password hashes' if with_passwords else ''})."
            )
        )
