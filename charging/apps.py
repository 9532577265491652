from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "charging"
    verbose_name = "Financial assessment and charging"

    def ready(self):
        from charging import hooks, rules

        rules.register()  # this app's actions and who may do them (core.rules)
        hooks.register()  # its menu item, work panel and breadcrumbs (core.registry)

        from charging.assessments.letters import ASSESSMENT_LETTER
        from charging.run.letters import CHARGE_INVOICE
        from documents.letters import register_letter

        register_letter(ASSESSMENT_LETTER)
        register_letter(CHARGE_INVOICE)
