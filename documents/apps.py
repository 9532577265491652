from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        from documents import hooks, rules

        rules.register()  # this app's actions and who may do them (core.rules)
        hooks.register()  # the client page's Letters tab (core.registry)
