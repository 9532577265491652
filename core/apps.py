from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import history  # noqa: F401  (connects the history signal handlers)

        # Every app's permissions exist only after its own post_migrate; re-syncing after each app
        # (idempotent, a few queries) means the roles always end up with all their permissions.
        post_migrate.connect(_sync_roles, dispatch_uid="core_sync_roles")
        checks.register(_check_database_roles, deploy=True)


def _sync_roles(**kwargs):
    from core.roles import sync_role_groups

    sync_role_groups()


def _check_database_roles(app_configs=None, **kwargs):
    """In production the application must not connect as the role that owns its tables."""
    from django.conf import settings

    roles = settings.DATABASES["default"].get("ROLES") or {}
    if roles and roles["app"]["USER"] == roles["owner"]["USER"]:
        return [checks.Warning(
            "The application connects to PostgreSQL as the role that owns its tables, so it could switch "
            "the ledger's and the history's triggers off.",
            hint="Give DATABASE_URL the application's role and DATABASE_OWNER_URL the owner's "
                 "(docs/setup.md, 'Two database roles').",
            id="core.W001",
        )]
    return []
