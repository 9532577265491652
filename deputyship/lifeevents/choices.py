from django.db import models


class LifeEventKind(models.TextChoices):
    MOVING_INTO_CARE = "moving_into_care", "Moving into a care home"
    HOSPITAL_ADMISSION = "hospital_admission", "A long stay in hospital"


class DocumentKind(models.TextChoices):
    COURT_ORDER = "court_order", "Court order"
    WILL = "will", "Will"
    DEEDS = "deeds", "Title deeds"
    PASSPORT = "passport", "Passport"
    DRIVING_LICENCE = "driving_licence", "Driving licence"
    BLUE_BADGE = "blue_badge", "Blue Badge"
    CERTIFICATE = "certificate", "Birth, marriage or other certificate"
    OTHER = "other", "Other document"


class BenefitOutcome(models.TextChoices):
    NO_CHANGE = "no_change", "No change: already receiving what they are entitled to"
    CLAIM_MADE = "claim_made", "A claim was made"
    AWARDED = "awarded", "An award or increase was made"
    REFUSED = "refused", "The claim was refused"
    REDUCED = "reduced", "Reduced or stopped"


class InvestmentKind(models.TextChoices):
    SAVINGS = "savings", "Savings account or bond"
    PREMIUM_BONDS = "premium_bonds", "Premium Bonds"
    SHARES = "shares", "Shares or funds"
    PENSION = "pension", "Pension or annuity"
    OTHER = "other", "Other"


class FuneralPlanOutcome(models.TextChoices):
    PLAN_BOUGHT = "plan_bought", "A funeral plan was bought"
    ALREADY_HAS_PLAN = "already_has_plan", "The client already has a plan"
    NOT_SUITABLE = "not_suitable", "Not suitable (reasons recorded)"
