from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = "Ledger"

    def ready(self):
        from ledger import hooks, rules

        rules.register()  # this app's actions and who may do them (core.rules)
        hooks.register()  # its menu item, work panel and breadcrumbs (core.registry)
