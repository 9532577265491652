"""``manage.py flush`` empties every table with TRUNCATE, which the application role may not do.

Only the test suite flushes (Django empties the database after each transactional test: a real Celery
worker, a browser). With ``DATABASE_FLUSH_AS_OWNER`` (the test settings) it runs as the owner role;
otherwise it runs as the application and PostgreSQL refuses it, as it should in a council's database.
"""

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections

from core import database_roles


class Command(flush.Command):
    def handle(self, **options):
        if not getattr(settings, "DATABASE_FLUSH_AS_OWNER", False):
            return super().handle(**options)
        connection = connections[options["database"]]
        with database_roles.as_role(connection, "owner"):
            return super().handle(**options)
