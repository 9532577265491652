from django.db import models


class RentFrequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FOUR_WEEKLY = "four_weekly", "Every 4 weeks"
    MONTHLY = "monthly", "Monthly"


class DepositScheme(models.TextChoices):
    """The three government-backed tenancy deposit protection schemes in England (gov.uk, "Tenancy
    deposit protection": https://www.gov.uk/tenancy-deposit-protection)."""

    DPS = "dps", "Deposit Protection Service"
    MYDEPOSITS = "mydeposits", "mydeposits"
    TDS = "tds", "Tenancy Deposit Scheme"


class CertificateKind(models.TextChoices):
    GAS = "gas", "Gas safety record"
    EICR = "eicr", "Electrical installation condition report (EICR)"
    EPC = "epc", "Energy performance certificate (EPC)"


class EnergyRating(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"
    E = "E", "E"
    F = "F", "F"
    G = "G", "G"


class ReminderKind(models.TextChoices):
    EXPIRY = "expiry", "Renew before it expires"
    COPY = "copy", "Give the tenant a copy"
    REMEDIAL = "remedial", "Remedial work due"
