"""django-simple-history's ``clean_duplicate_history`` deletes change history. Ours is kept for good: the
application's database role may not delete it and PostgreSQL refuses any DELETE of it (23H01;
docs/decisions.md, "History that cannot be rewritten"). This command takes its place and says so."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Not available: change history is never deleted."

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")
        parser.add_argument("--auto", action="store_true")
        parser.add_argument("--days", type=int)
        parser.add_argument("-m", "--minutes", type=int)
        parser.add_argument("--dry", action="store_true")

    def handle(self, *args, **options):
        raise CommandError(
            "clean_duplicate_history is not available: change history is kept for good, so that what the auditors "
            "see is what happened. The database refuses to delete or change it (docs/decisions.md)."
        )
