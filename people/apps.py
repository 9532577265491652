from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self):
        post_migrate.connect(_sync_roles, sender=self)


def _sync_roles(**kwargs):
    from core.roles import sync_role_groups

    sync_role_groups()
