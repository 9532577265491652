from django.db import models

#: The purposes the death check knows besides the OPG money-out categories: a payment out after death is
#: refused unless it is one of these and its condition is met (:func:`payment_allowed_after_death`).
FUNERAL_COSTS = "funeral_costs"
ESTATE_RELEASE = "estate_release"


class NotifiedHow(models.TextChoices):
    CARE_HOME = "care_home", "By the care home"
    HOSPITAL = "hospital", "By the hospital"
    RELATIVE = "relative", "By a relative or friend"
    REGISTRAR = "registrar", "By the registrar (Tell Us Once)"
    OTHER = "other", "Another way"


class WillStatus(models.TextChoices):
    VALID_WILL = "valid_will", "There is a valid will"
    NO_WILL = "no_will", "There is no will"
    UNKNOWN = "unknown", "Not known yet"


class NotificationTo(models.TextChoices):
    DWP = "dwp", "DWP (Tell Us Once or the Bereavement Service)"
    OPG = "opg", "Office of the Public Guardian"
    COURT = "court", "Court of Protection"
    BANK = "bank", "Banks and building societies"
    EXECUTOR = "executor", "Executors"
    RELATIVES = "relatives", "Relatives"


class GrantKind(models.TextChoices):
    PROBATE = "probate", "Grant of probate"
    ADMINISTRATION = "administration", "Letters of administration"


class LetterTo(models.TextChoices):
    """Who a death notification letter goes to."""

    DWP = "dwp", "DWP office paying the client's benefits"
    OPG = "opg", "Office of the Public Guardian"
    COURT = "court", "Court of Protection"
    ORGANISATION = "organisation", "Bank or other organisation holding an account or bill"
    EXECUTOR = "executor", "Executor or administrator"
    RELATIVE = "relative", "Relative or next of kin"
