from django.apps import AppConfig


class ChargingConfig(AppConfig):
    name = "charging"
    verbose_name = "Financial assessment and charging"
