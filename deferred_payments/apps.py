from django.apps import AppConfig


class DeferredPaymentsConfig(AppConfig):
    name = "deferred_payments"
    verbose_name = "Deferred payment agreements"

    def ready(self):
        from deferred_payments import hooks, rules

        rules.register()
        hooks.register()
