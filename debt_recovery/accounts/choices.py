"""The fixed lists of a debtor account (each backed by a CHECK constraint)."""

from django.db import models


class DebtorKind(models.TextChoices):
    """Who owes the debt."""

    PERSON = "person", "The person who had the care"
    REPRESENTATIVE = "representative", "Their representative (attorney, deputy or appointee)"
    ESTATE = "estate", "Their estate"
    TOPUP_PAYER = "topup_payer", "A top-up payer"
    COMMERCIAL = "commercial", "A commercial customer"


#: Debtors whose debt is the client's own care-charge account in the ledger (the person owes it, or
#: someone on their behalf). The others have a debtor-owned receivable of their own.
OWES_FOR_THE_CLIENT = (DebtorKind.PERSON, DebtorKind.REPRESENTATIVE, DebtorKind.ESTATE)


class CustomerType(models.TextChoices):
    """What kind of customer, for what the council may add to a late debt."""

    SERVICE_USER = "service_user", "Service user or their family"
    COMMERCIAL = "commercial", "Commercial customer (a business)"
    PUBLIC_BODY = "public_body", "Public body (another council, the NHS)"


#: Late payment interest (Late Payment of Commercial Debts (Interest) Act 1998) is for these customer
#: types only: never for service users or their families.
LATE_PAYMENT_INTEREST_TYPES = (CustomerType.COMMERCIAL, CustomerType.PUBLIC_BODY)


class PaymentMethod(models.TextChoices):
    DIRECT_DEBIT = "direct_debit", "Direct debit"
    CARD = "card", "Debit or credit card"
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    CHEQUE = "cheque", "Cheque"
    CASH = "cash", "Cash at a council office"
    NOT_KNOWN = "not_known", "Not known yet"


class LettersTo(models.TextChoices):
    """Where the debtor's letters go."""

    CLIENT_RULE = "client_rule", "As the person's correspondence rule says"
    CONTACT = "contact", "To the contact named on the account"


class ContactBy(models.TextChoices):
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"


class AccountStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
