import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from claims.demo.loader import DEMO_USERS


class Command(BaseCommand):
    help = (
        "For a local demo only: give the demo superuser and the demo researcher and editor "
        "fresh random passwords and print them. Refuses to run with DEBUG off."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_logins is for local demos; it refuses to run with DEBUG off.")
        User = get_user_model()
        admin, _ = User.objects.get_or_create(
            username="demo-admin", defaults={"is_staff": True, "is_superuser": True}
        )
        logins = [admin] + [
            User.objects.get(username=username) for username, *_ in DEMO_USERS.values()
        ]
        self.stdout.write("Log in to the admin at http://127.0.0.1:8000/admin/ as:")
        for user in logins:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            self.stdout.write(f"  {user.username:<16} password {password}")
        self.stdout.write("These passwords change every time `make run` starts.")
