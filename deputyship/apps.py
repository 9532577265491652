from django.apps import AppConfig


class DeputyshipConfig(AppConfig):
    name = "deputyship"
    verbose_name = "Client affairs (deputyship and appointeeship)"

    def ready(self):
        from deputyship import hooks, rules

        rules.register()
        hooks.register()
