from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = "Ledger"

    def ready(self):
        from ledger import rules

        rules.register()  # this app's actions and who may do them (core.rules)
