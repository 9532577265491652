from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the house: settings, URLs, the Celery app, and the commands that run every app's part
    (``manage.py seed_demo``). It has no models, and nothing imports it."""

    name = "config"
    verbose_name = "Adult social care finance"
