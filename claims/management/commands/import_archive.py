from django.core.management.base import BaseCommand, CommandError

from claims.archive import ArchiveError
from claims.archive_import import import_archive


class Command(BaseCommand):
    help = (
        "Restore an archive written by export_archive into an empty database (after "
        "`migrate`), keeping every id. Refuses a non-empty database, a damaged archive "
        "or one from another schema, and then writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive file to restore.")

    def handle(self, *args, path, **options):
        try:
            manifest = import_archive(path)
        except ArchiveError as error:
            raise CommandError(str(error)) from None
        rows = sum(entry["count"] for entry in manifest["files"])
        models = len(manifest["files"])
        self.stdout.write(
            self.style.SUCCESS(f"Restored {rows} rows of {models} models from {path}.")
        )
        if manifest.get("with_passwords") is not True:
            self.stdout.write(
                "The archive holds no passwords: set each user's with "
                "`python manage.py changepassword USERNAME`."
            )
