from django.apps import AppConfig


class DebtRecoveryConfig(AppConfig):
    name = "debt_recovery"
    verbose_name = "Debt recovery"

    def ready(self):
        from debt_recovery import hooks, rules

        rules.register()
        hooks.register()
