from django.db import models


class ReceiptKind(models.TextChoices):
    PROCEEDS = "proceeds", "Proceeds of the sale or the estate"
    PART_PAYMENT = "part_payment", "Part-payment"
