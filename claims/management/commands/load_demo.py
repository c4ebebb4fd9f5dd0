from django.core.management.base import BaseCommand

from claims.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (ICC warrant for Putin, Xi's visit to Moscow, March 2023)."

    def handle(self, *args, **options):
        report = load_demo()
        if not report.total:
            self.stdout.write("The demo newsroom is already loaded; nothing changed.")
            return
        made = ", ".join(f"{n} {name}" for name, n in report.created.items())
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo newsroom: {made}."))
