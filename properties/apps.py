from django.apps import AppConfig


class PropertiesConfig(AppConfig):
    name = "properties"
    verbose_name = "Clients' property"

    def ready(self):
        from properties import hooks, rules

        rules.register()
        hooks.register()
