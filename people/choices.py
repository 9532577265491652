from django.db import models


class Service(models.TextChoices):
    """The five services of the adult social care finance team."""

    CLIENT_AFFAIRS = "client_affairs", "Client affairs"
    CHARGING = "charging", "Financial assessment and charging"
    DEFERRED_PAYMENTS = "deferred_payments", "Deferred payments"
    DEBT_RECOVERY = "debt_recovery", "Debt recovery"
    PROPERTY = "property", "Property"


class AddressKind(models.TextChoices):
    HOME = "home", "Home"
    CARE_HOME = "care_home", "Care home"
    CORRESPONDENCE = "correspondence", "Correspondence"
    PREVIOUS = "previous", "Previous home"


class ContactKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class OrganisationType(models.TextChoices):
    NONE = "", "Not an organisation"
    BANK = "bank", "Bank or building society"
    DWP = "dwp", "Department for Work and Pensions"
    PENSION = "pension", "Pension provider"
    UTILITY = "utility", "Utility company"
    CARE_PROVIDER = "care_provider", "Care provider"
    SOLICITOR = "solicitor", "Solicitor"
    COURT = "court", "Court or Office of the Public Guardian"
    COUNCIL = "council", "Council department"
    HOUSING = "housing", "Landlord or housing provider"
    OTHER = "other", "Other organisation"


class Relationship(models.TextChoices):
    RELATIVE = "relative", "Relative"
    NEXT_OF_KIN = "next_of_kin", "Next of kin"
    FRIEND = "friend", "Friend or neighbour"
    ATTORNEY = "attorney", "Attorney (lasting or enduring power of attorney)"
    DEPUTY = "deputy", "Court-appointed deputy"
    APPOINTEE = "appointee", "DWP appointee"
    EXECUTOR = "executor", "Executor or administrator"
    SOCIAL_WORKER = "social_worker", "Social worker"
    CARE_PROVIDER = "care_provider", "Care provider"
    ADVOCATE = "advocate", "Advocate"
    GP = "gp", "GP or health professional"
    ORGANISATION = "organisation", "Organisation (bank, DWP, utility...)"


class SendLettersTo(models.TextChoices):
    """Where letters to a client go (their correspondence rule)."""

    CARE_HOME = "care_home", "The care home where they live"
    CORRESPONDENCE = "correspondence", "Their correspondence address"
    HOME = "home", "Their own home"
    REPRESENTATIVE = "representative", "Their representative (deputy, attorney or appointee)"


#: The contacts who may act for a client in their money matters, so letters may go to them.
REPRESENTATIVE_RELATIONSHIPS = (Relationship.DEPUTY, Relationship.ATTORNEY, Relationship.APPOINTEE)


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    OVERDUE = "overdue", "Overdue"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class NoteKind(models.TextChoices):
    NOTE = "note", "Case note"
    PHONE = "phone", "Phone call"
    VISIT = "visit", "Visit"
    LETTER = "letter", "Letter or email"


class StaffRole(models.TextChoices):
    """What someone is beyond their teams (which make them an officer or a team leader)."""

    NONE = "none", "None: casework through their teams only"
    AUDITOR = "auditor", "Auditor: reads everything, changes nothing"
    ADMINISTRATOR = "administrator", "Administrator: users, teams and reference data"
