"""The fixed lists of direct debits (each backed by a CHECK constraint)."""

from django.db import models


class MandateStatus(models.TextChoices):
    """Where a Direct Debit Instruction stands."""

    PENDING_LODGEMENT = "pending_lodgement", "Waiting to be lodged with the payer's bank (AUDDIS)"
    LIVE = "live", "Live"
    PAUSED = "paused", "Paused (collections stopped until resolved)"
    CANCELLED = "cancelled", "Cancelled"
    FAILED = "failed", "Failed (rejected by the payer's bank)"


#: A mandate the council may collect under.
COLLECTABLE = (MandateStatus.LIVE,)


class AuddisState(models.TextChoices):
    """What the council has told the payer's bank about the instruction through AUDDIS."""

    NEW_DUE = "new_due", "New instruction (0N) to send"
    NEW_LODGED = "new_lodged", "New instruction lodged"
    CONVERSION_DUE = "conversion_due", "Conversion of a paper instruction (0S) to send"
    CONVERSION_LODGED = "conversion_lodged", "Conversion lodged"
    REJECTED = "rejected", "Rejected by the payer's bank"
    CANCEL_DUE = "cancel_due", "Cancellation (0C) to send"
    CANCEL_LODGED = "cancel_lodged", "Cancellation lodged"
    NOT_NEEDED = "not_needed", "Nothing to send (cancelled by the bank or before it was lodged)"


#: The AUDDIS states whose instruction goes in the next AUDDIS file, with the Bacs transaction code.
AUDDIS_DUE = {AuddisState.NEW_DUE: "0N", AuddisState.CONVERSION_DUE: "0S", AuddisState.CANCEL_DUE: "0C"}
#: What each state becomes once its instruction is in a file.
AUDDIS_LODGED = {AuddisState.NEW_DUE: AuddisState.NEW_LODGED,
                 AuddisState.CONVERSION_DUE: AuddisState.CONVERSION_LODGED,
                 AuddisState.CANCEL_DUE: AuddisState.CANCEL_LODGED}


class Frequency(models.TextChoices):
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Monthly"


class AmountBasis(models.TextChoices):
    FIXED = "fixed", "A fixed amount each time"
    BALANCE = "balance", "The balance owing when the advance notice is sent"


class TransactionCode(models.TextChoices):
    """Bacs transaction codes for direct debits (see :mod:`debt_recovery.directdebits.standard18`)."""

    FIRST = "17", "17 First collection"
    REGULAR = "01", "01 Regular collection"
    REPRESENTED = "18", "18 Re-presented collection"
    FINAL = "19", "19 Final collection"


class CollectionStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled (advance notice sent)"
    SUBMITTED = "submitted", "In a Bacs file for the bureau"
    COLLECTED = "collected", "Collected (payment recorded)"
    UNPAID = "unpaid", "Unpaid (returned by the payer's bank)"
    CANCELLED = "cancelled", "Cancelled"


class BacsFileKind(models.TextChoices):
    AUDDIS = "auddis", "AUDDIS instructions"
    COLLECTIONS = "collections", "Direct debit collections"


class MandateOrigin(models.TextChoices):
    NEW = "new", "New instruction"
    CONVERTED = "converted", "Existing paper instruction converted to AUDDIS"
