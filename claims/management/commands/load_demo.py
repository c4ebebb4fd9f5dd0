from django.core.management.base import BaseCommand, CommandError

from claims.demo.loader import DemoDeskTooSmall, load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (ICC warrant for Putin, Xi's visit to Moscow, March 2023)."

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoDeskTooSmall as e:
            raise CommandError(str(e)) from e
        if not report.total:
            self.stdout.write("The demo newsroom is already loaded; nothing changed.")
            return
        made = ", ".join(f"{n} {name}" for name, n in report.created.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo newsroom: {made}."))
