from django.apps import AppConfig


class DebtRecoveryConfig(AppConfig):
    name = "debt_recovery"
    verbose_name = "Debt recovery"
