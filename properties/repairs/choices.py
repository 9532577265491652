from django.db import models


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class RepairStatus(models.TextChoices):
    REPORTED = "reported", "Reported"
    AWAITING_APPROVAL = "awaiting_approval", "Waiting for a second person's approval"
    APPROVED = "approved", "Approved"
    COMPLETED = "completed", "Completed"
    PAID = "paid", "Invoice paid"
    CANCELLED = "cancelled", "Cancelled"


OPEN_STATUSES = (RepairStatus.REPORTED, RepairStatus.AWAITING_APPROVAL, RepairStatus.APPROVED)
