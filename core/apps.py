from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import history  # noqa: F401  (connects the history signal handlers)

        # Every app's permissions exist only after its own post_migrate; re-syncing after each app
        # (idempotent, a few queries) means the roles always end up with all their permissions.
        post_migrate.connect(_sync_roles, dispatch_uid="core_sync_roles")


def _sync_roles(**kwargs):
    from core.roles import sync_role_groups

    sync_role_groups()
