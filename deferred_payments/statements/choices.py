from django.db import models


class StatementKind(models.TextChoices):
    SIX_MONTHLY = "six_monthly", "Six-monthly statement"
    ON_REQUEST = "on_request", "Statement on request"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Waiting to be issued"
    ISSUED = "issued", "Issued"
