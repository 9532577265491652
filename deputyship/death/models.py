"""A client's death and the winding up of their affairs: how the council heard, the notifications, the
executor's consent to funeral costs (the only payments out allowed until the grant), the final accounts,
the grant of probate or letters of administration and the estate's release, and the Bona Vacantia
referral decision where there is no will and no known relative."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.death.choices import GrantKind, LetterTo, NotificationTo, NotifiedHow, WillStatus

__all__ = ["BonaVacantiaDecision", "Death", "DeathLetter", "DeathNotification", "EstateRelease", "FinalAccount",
           "FuneralConsent", "FuneralPayment", "Grant"]


class Death(models.Model):
    client = models.OneToOneField("people.Client", on_delete=models.PROTECT, related_name="death_record")
    died_on = models.DateField()
    notified_on = models.DateField(help_text="When the council was told.")
    notified_how = models.CharField(max_length=20, choices=NotifiedHow.choices)
    will = models.CharField(max_length=20, choices=WillStatus.choices, default=WillStatus.UNKNOWN)
    executor = models.CharField(max_length=200, blank=True, default="",
                                help_text="The executor or next of kin dealing with the estate, if known.")
    keys_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  help_text="Hand over keys and belongings (Ombudsman: East Sussex 24 002 429).")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(notified_on__gte=F("died_on")), name="death_notified_after_died"),
            models.CheckConstraint(condition=Q(notified_how__in=NotifiedHow.values), name="death_notified_how_valid"),
            models.CheckConstraint(condition=Q(will__in=WillStatus.values), name="death_will_valid"),
        ]

    def __str__(self):
        return f"Death of {self.client} on {self.died_on:%d/%m/%Y}"


class DeathNotification(models.Model):
    death = models.ForeignKey(Death, on_delete=models.PROTECT, related_name="notifications")
    to = models.CharField(max_length=20, choices=NotificationTo.choices)
    letter = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["death", "to"], name="death_notification_once_each"),
            models.CheckConstraint(condition=Q(to__in=NotificationTo.values), name="death_notification_to_valid"),
        ]


class DeathLetter(models.Model):
    """A letter telling someone of the death: the OPG, the Court of Protection, each organisation on the
    client's contacts (the DWP office, banks, utilities...), each executor and relative. One per recipient
    (a contact who is both executor and relative gets one letter), each under its notification's task."""

    death = models.ForeignKey(Death, on_delete=models.PROTECT, related_name="letters")
    notification = models.ForeignKey(DeathNotification, on_delete=models.PROTECT, related_name="letters")
    to = models.CharField(max_length=20, choices=LetterTo.choices)
    contact = models.ForeignKey("people.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recipient = models.CharField(max_length=200)
    letter = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(to__in=LetterTo.values), name="death_letter_to_valid"),
            models.CheckConstraint(condition=Q(contact__isnull=True, to__in=[LetterTo.OPG, LetterTo.COURT])
                                   | Q(contact__isnull=False) & ~Q(to__in=[LetterTo.OPG, LetterTo.COURT]),
                                   name="death_letter_contact_unless_opg_or_court"),
            models.UniqueConstraint(fields=["death", "contact"], condition=Q(contact__isnull=False),
                                    name="death_letter_once_per_contact"),
            models.UniqueConstraint(fields=["death", "to"], condition=Q(contact__isnull=True),
                                    name="death_letter_once_to_opg_and_court"),
        ]


class FuneralConsent(models.Model):
    """The executor's (or next of kin's) consent to pay the funeral costs from the client's money."""

    death = models.ForeignKey(Death, on_delete=models.PROTECT, related_name="funeral_consents")
    consented_by = models.CharField(max_length=200)
    consented_on = models.DateField()
    funeral_director = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="The most the consent covers.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="funeral_consent_amount_positive"),
            models.CheckConstraint(condition=~Q(consented_by=""), name="funeral_consent_who"),
        ]

    @property
    def client(self):
        return self.death.client

    @property
    def client_id(self):
        return self.death.client_id


class FuneralPayment(models.Model):
    consent = models.ForeignKey(FuneralConsent, on_delete=models.PROTECT, related_name="payments")
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, related_name="funeral_payment")
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    history = audited()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funeral_payment_amount_positive")]


class FinalAccount(models.Model):
    death = models.OneToOneField(Death, on_delete=models.PROTECT, related_name="final_account")
    balance_at_death = models.DecimalField(max_digits=12, decimal_places=2)
    money_in_since = models.DecimalField(max_digits=12, decimal_places=2)
    money_out_since = models.DecimalField(max_digits=12, decimal_places=2)
    balance_now = models.DecimalField(max_digits=12, decimal_places=2)
    as_at = models.DateField()
    document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_now=F("balance_at_death") + F("money_in_since") - F("money_out_since")),
                name="final_account_balances"),
            models.CheckConstraint(condition=Q(money_in_since__gte=0, money_out_since__gte=0),
                                   name="final_account_totals_not_negative"),
        ]


class Grant(models.Model):
    death = models.OneToOneField(Death, on_delete=models.PROTECT, related_name="grant")
    kind = models.CharField(max_length=20, choices=GrantKind.choices)
    issued_on = models.DateField()
    reference = models.CharField(max_length=60)
    granted_to = models.CharField(max_length=200, help_text="The executor or administrator named in the grant.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=GrantKind.values), name="grant_kind_valid"),
            models.CheckConstraint(condition=~Q(reference="") & ~Q(granted_to=""), name="grant_reference_and_whom"),
        ]


class EstateRelease(models.Model):
    """The estate paid to the personal representative named in the grant: once."""

    death = models.OneToOneField(Death, on_delete=models.PROTECT, related_name="estate_release")
    grant = models.OneToOneField(Grant, on_delete=models.PROTECT, related_name="release")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    paid_to = models.CharField(max_length=200)
    payment = models.OneToOneField("ledger.Payment", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="estate_release")
    released_on = models.DateField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="estate_release_amount_not_negative"),
            models.CheckConstraint(condition=Q(amount=0) | Q(payment__isnull=False),
                                   name="estate_release_paid_when_money"),
        ]


class BonaVacantiaDecision(models.Model):
    """Whether the estate is referred to the Government Legal Department's Bona Vacantia Division, on the
    facts as recorded, and why."""

    death = models.OneToOneField(Death, on_delete=models.PROTECT, related_name="bona_vacantia")
    valid_will = models.BooleanField()
    known_entitled_relatives = models.BooleanField()
    grant_issued = models.BooleanField()
    gross_estate = models.DecimalField(max_digits=12, decimal_places=2)
    funeral_and_debts = models.DecimalField(max_digits=12, decimal_places=2)
    refer = models.BooleanField()
    reasons = models.TextField(help_text="Why the estate is, or is not, referred.")
    decided_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = audited()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(gross_estate__gte=0, funeral_and_debts__gte=0),
                                   name="bona_vacantia_amounts_not_negative"),
            models.CheckConstraint(condition=~Q(reasons=""), name="bona_vacantia_reasons_given"),
            # The division refuses these (gov.uk "Bona vacantia: estates"): the council never refers them.
            models.CheckConstraint(
                condition=Q(refer=False) | Q(valid_will=False, known_entitled_relatives=False, grant_issued=False,
                                             gross_estate__gte=F("funeral_and_debts") + 500),
                name="bona_vacantia_refer_only_when_criteria_met"),
        ]
