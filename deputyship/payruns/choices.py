from django.db import models


class RunStatus(models.TextChoices):
    """A run is prepared (and checked) by one person, approved by another, which writes its files and posts
    its lines; nothing changes it after that but a bank's rejection of a line."""

    PREPARED = "prepared", "Prepared: problems to resolve"
    CHECKED = "checked", "Checked: waiting for approval"
    APPROVED = "approved", "Approved: files written, payments posted"


class LineStatus(models.TextChoices):
    INCLUDED = "included", "In the run"
    REMOVED = "removed", "Taken out of the run"
    POSTED = "posted", "Paid"
    REJECTED = "rejected", "Rejected by the bank and reversed"
