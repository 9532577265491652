from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit"

    def ready(self):
        from audit import hooks, rules

        rules.register()  # this app's actions and who may do them (core.rules)
        hooks.register()  # its menu item and breadcrumbs (core.registry)

        from audit.services import record_request_reads
        from core.access import set_recorder

        set_recorder(record_request_reads)
