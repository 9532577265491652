from django.db import models


class Occupancy(models.TextChoices):
    CLIENT_LIVES_THERE = "client", "The client lives there"
    EMPTY = "empty", "Empty"
    LET = "let", "Let to a tenant"
    SOLD = "sold", "Sold"
