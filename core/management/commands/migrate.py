"""``manage.py migrate`` as the owner role, then the application role's privileges and the append-only
triggers on history (core/database_roles.py, core/database.py).

Django's own command does the migrating. Around it: with roles derived from a superuser's
``DATABASE_URL``, the roles are created or reset and the owner made to own the database and everything
in it; the migrations run connected as the owner; then, still as the owner, every history table gets
its append-only trigger and the application role gets exactly its privileges on every table.
"""

from django.core.management.commands import migrate
from django.db import connections

from core import database_roles
from core import database


class Command(migrate.Command):
    help = (migrate.Command.help
            + " Runs as the database owner role, then grants the application role its privileges.")

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        roles = connection.settings_dict.get("ROLES") or {}
        if roles.get("admin"):
            database_roles.prepare_database(connection.settings_dict)
        with database_roles.as_role(connection, "owner"):
            super().handle(*args, **options)
            added = database.install_append_only_triggers(connection)
            if roles and roles["app"]["USER"] != roles["owner"]["USER"]:
                database.grant_application_privileges(connection, roles["app"]["USER"])
        if added and options["verbosity"] >= 1:
            self.stdout.write(f"Append-only trigger added to {len(added)} table(s): {', '.join(added)}")
