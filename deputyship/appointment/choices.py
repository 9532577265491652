from django.db import models


class NotificationStatus(models.TextChoices):
    SENT = "sent", "Letter sent"
    ACKNOWLEDGED = "acknowledged", "Acknowledged: records updated"
    QUERIED = "queried", "Queried: they asked for more"
    RETURNED = "returned", "Returned undelivered"


class AccountAction(models.TextChoices):
    CLOSE = "close", "Close and transfer the balance to the client account"
    CONSOLIDATE = "consolidate", "Consolidate into the client account"
    KEEP = "keep", "Keep open under the council's control"
