from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self):
        from django.contrib.auth.models import update_last_login

        from core.access import set_client_resolver
        from people import hooks, rules

        rules.register()  # this app's actions and who may do them (core.rules)
        hooks.register()  # its menu items and breadcrumbs (core.registry)
        set_client_resolver(rules.client_id_of)

        # Record each sign-in in the user's history as their own act, with the request id,
        # instead of Django's anonymous last_login save.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_record_sign_in, dispatch_uid="people_record_sign_in")


def _record_sign_in(sender, request, user, **kwargs):
    from django.utils import timezone

    from core.history import set_reason

    user.last_login = timezone.now()
    user._history_user = user
    set_reason(user, "Signed in")
    user.save(update_fields=["last_login"])
    del user._history_user
