from django.db import models


class Condition(models.TextChoices):
    GOOD = "good", "Good"
    FAIR = "fair", "Fair: some things to see to"
    POOR = "poor", "Poor: urgent action needed"


class EscalationLevel(models.TextChoices):
    DUE = "due", "Due: a task for the officer"
    OVERDUE = "overdue", "Overdue beyond the grace period: a task for the team leader"
