from django.db import models


class Decision(models.TextChoices):
    KEEP = "keep", "Keep"
    STORE = "store", "Store"
    SELL = "sell", "Sell"
    GIVE_TO_FAMILY = "give", "Give to family"
    DISPOSE = "dispose", "Dispose of"
    SAFEKEEPING = "safekeeping", "Take to safekeeping"


class ItemStatus(models.TextChoices):
    """Where an item is. Only ``ON_INVENTORY`` needs no decision: every other status is an item that has
    left the home, which the database refuses without a recorded decision."""

    ON_INVENTORY = "listed", "On the inventory (still in the home)"
    KEPT = "kept", "Kept by the client"
    STORED = "stored", "In storage"
    SOLD = "sold", "Sold"
    GIVEN = "given", "Given to family"
    DISPOSED = "disposed", "Disposed of"
    IN_SAFEKEEPING = "safekeeping", "In safekeeping"


#: What an item becomes when it leaves, for each decision.
LEAVES_AS = {
    Decision.KEEP: ItemStatus.KEPT, Decision.STORE: ItemStatus.STORED, Decision.SELL: ItemStatus.SOLD,
    Decision.GIVE_TO_FAMILY: ItemStatus.GIVEN, Decision.DISPOSE: ItemStatus.DISPOSED,
    Decision.SAFEKEEPING: ItemStatus.IN_SAFEKEEPING,
}

#: Decisions that part the client from their belongings for good: a team leader's.
LEADER_DECISIONS = (Decision.SELL, Decision.GIVE_TO_FAMILY, Decision.DISPOSE)


class Period(models.TextChoices):
    WEEK = "week", "Week"
    MONTH = "month", "Month"
