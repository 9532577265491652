"""``manage.py seed_demo``: every app's demonstration data, in order (see ``config.demo``)."""

from django.core.management.base import BaseCommand

from config.demo import seed_demo
from people.demo_logins import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Add the demonstration teams, logins, clients and each app's records about them that are not there "
        "yet. Safe to run again: records already there are left as they are. For demonstration machines only."
    )

    def handle(self, *args, **options):
        result = seed_demo()
        if result.created:
            made = ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in sorted(result.created.items()))
            self.stdout.write(self.style.SUCCESS(f"Demo data added: {made}."))
        else:
            self.stdout.write(f"Demo data already in place ({', '.join(result.steps)}); nothing added.")
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for username, role, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<8} {role:<14} {description}")
