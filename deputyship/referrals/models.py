"""Referrals to the client affairs team and what follows: the council's threshold for seeking a deputyship
(effective-dated, set by a team leader with a reason), the documents care management must return, the
relatives and interested parties who must be told before the court application goes in, the client's assets
and liabilities, the application's dates, and for an appointeeship the DWP's BF56/BF57 and its reviews.

Submitting a deputyship application before every interested party has been told is refused by the service
and, whatever path is taken, by a trigger in PostgreSQL (``migrations/sql/referral_parties_told.up.sql``):
Ombudsman cases Isle of Wight 19 008 790 and Shropshire 23 007 164 found next of kin not identified."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from core.history import audited
from deputyship.referrals.choices import (
    AssetKind, AssetType, AuthoritySought, CourtForm, ReferralSource, ThresholdBasis, Urgency,
)

__all__ = ["ApplicationThreshold", "AppointeeReview", "InterestedParty", "Referral", "ReferralAsset",
           "ReferralDocument"]


class ApplicationThreshold(models.Model):
    """The council's line between a DWP appointeeship and a Court of Protection deputyship: above ``amount``
    (measured by ``basis``) the council applies for a deputyship. Effective-dated: a new row from a date
    replaces the one before it; rows are never edited."""

    basis = models.CharField(max_length=20, choices=ThresholdBasis.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    effective_from = models.DateField(unique=True)
    source = models.CharField(max_length=500, help_text="Where the figure comes from (the council's policy).")
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=Q(basis__in=ThresholdBasis.values), name="dep_threshold_basis_valid"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="dep_threshold_amount_not_negative"),
            models.CheckConstraint(condition=~Q(source="") & ~Q(reason=""), name="dep_threshold_sourced"),
        ]

    def __str__(self):
        return f"£{self.amount:,.2f} ({self.get_basis_display().lower()}) from {self.effective_from:%d %B %Y}"


class Referral(models.Model):
    """A referral asking the council to manage a client's money, and the application it leads to."""

    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="deputyship_referrals")
    source = models.CharField(max_length=30, choices=ReferralSource.choices)
    referrer = models.CharField(max_length=200, help_text="Who referred: name and role.")
    referred_on = models.DateField()
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    reason = models.TextField(help_text="Why the council is asked to act.")
    authority_sought = models.CharField(max_length=20, choices=AuthoritySought.choices)
    no_parties_reason = models.TextField(
        blank=True, default="",
        help_text="When no relative or interested party could be found: what was done to look, recorded before "
                  "the application goes in.")
    # The deputyship application.
    submitted_on = models.DateField(null=True, blank=True, help_text="Sent to the Court of Protection.")
    issued_on = models.DateField(null=True, blank=True, help_text="The court issued (stamped) the application.")
    # The appointeeship.
    bf56_sent_on = models.DateField(null=True, blank=True, help_text="BF56 (application to be appointee) sent.")
    dwp_visit_on = models.DateField(null=True, blank=True, help_text="The DWP's visit.")
    bf57_approved_on = models.DateField(null=True, blank=True, help_text="The DWP's approval (BF57).")
    authority = models.OneToOneField("deputyship.LegalAuthority", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="referral", help_text="The order or appointeeship it led to.")
    closed_on = models.DateField(null=True, blank=True, help_text="Withdrawn or closed without an authority.")
    closed_reason = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = audited()

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(source__in=ReferralSource.values), name="dep_referral_source_valid"),
            models.CheckConstraint(condition=Q(urgency__in=Urgency.values), name="dep_referral_urgency_valid"),
            models.CheckConstraint(condition=Q(authority_sought__in=AuthoritySought.values),
                                   name="dep_referral_authority_sought_valid"),
            models.CheckConstraint(condition=Q(issued_on__isnull=True) | Q(submitted_on__isnull=False,
                                                                           issued_on__gte=F("submitted_on")),
                                   name="dep_referral_issued_after_submitted"),
            models.CheckConstraint(condition=Q(submitted_on__isnull=True) | Q(submitted_on__gte=F("referred_on")),
                                   name="dep_referral_submitted_after_referral"),
            models.CheckConstraint(
                condition=Q(authority_sought=AuthoritySought.DEPUTYSHIP) | Q(submitted_on__isnull=True),
                name="dep_referral_court_dates_for_deputyship"),
            models.CheckConstraint(
                condition=Q(authority_sought=AuthoritySought.APPOINTEESHIP)
                | Q(bf56_sent_on__isnull=True, dwp_visit_on__isnull=True, bf57_approved_on__isnull=True),
                name="dep_referral_dwp_dates_for_appointeeship"),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | ~Q(closed_reason=""),
                                   name="dep_referral_closed_with_reason"),
            # One referral being worked per client at a time.
            models.UniqueConstraint(fields=["client"], condition=Q(closed_on__isnull=True, authority__isnull=True),
                                    name="dep_referral_one_open_per_client"),
        ]

    def __str__(self):
        return f"Referral for {self.get_authority_sought_display().lower()} ({self.referred_on:%d %B %Y})"

    @property
    def is_deputyship(self) -> bool:
        return self.authority_sought == AuthoritySought.DEPUTYSHIP

    @property
    def is_open(self) -> bool:
        return self.closed_on is None and self.authority_id is None


class ReferralDocument(models.Model):
    """One document on the referral's checklist: who must return it, by when, and when it came back.
    A document still out after its due date gets one chase task (``chase_task``, set once by the daily job)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="documents")
    form = models.CharField(max_length=10, choices=CourtForm.choices)
    title = models.CharField(max_length=200)
    from_whom = models.CharField(max_length=200, help_text="Who must complete or return it.")
    requested_on = models.DateField()
    due_on = models.DateField()
    returned_on = models.DateField(null=True, blank=True)
    chase_task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    history = audited()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(form__in=CourtForm.values), name="dep_refdoc_form_valid"),
            models.CheckConstraint(condition=Q(due_on__gte=F("requested_on")), name="dep_refdoc_due_after_request"),
            models.UniqueConstraint(fields=["referral", "title"], name="dep_refdoc_one_per_title"),
        ]

    def __str__(self):
        return self.title

    @property
    def client(self):
        return self.referral.client


class InterestedParty(models.Model):
    """A relative or other interested party identified for the application, and when they were told of it
    (the letter, through ``documents``)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="parties")
    contact = models.ForeignKey("people.Contact", on_delete=models.PROTECT, related_name="+")
    relationship = models.CharField(max_length=100, help_text="How they are related or interested.")
    notified_on = models.DateField(null=True, blank=True)
    letter = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")

    history = audited()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "interested parties"
        constraints = [
            models.UniqueConstraint(fields=["referral", "contact"], name="dep_party_once_per_referral"),
            models.CheckConstraint(condition=Q(notified_on__isnull=True, notified_by__isnull=True)
                                   | Q(notified_on__isnull=False, notified_by__isnull=False),
                                   name="dep_party_notification_recorded"),
        ]

    def __str__(self):
        return f"{self.contact} ({self.relationship})"

    @property
    def client(self):
        return self.referral.client


class ReferralAsset(models.Model):
    """An asset or liability found for the application (the COP1A's figures)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(max_length=10, choices=AssetKind.choices)
    asset_type = models.CharField(max_length=20, choices=AssetType.choices)
    description = models.CharField(max_length=300)
    held_with = models.CharField(max_length=200, blank=True, default="", help_text="Bank, provider or creditor.")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    valued_on = models.DateField()

    history = audited()

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=AssetKind.values), name="dep_asset_kind_valid"),
            models.CheckConstraint(condition=Q(asset_type__in=AssetType.values), name="dep_asset_type_valid"),
            models.CheckConstraint(condition=Q(value__gte=0), name="dep_asset_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.description} (£{self.value:,.2f})"

    @property
    def client(self):
        return self.referral.client


class AppointeeReview(models.Model):
    """A DWP review of the council's appointeeship, with the task that gets the officer ready for it."""

    authority = models.ForeignKey("deputyship.LegalAuthority", on_delete=models.PROTECT, related_name="dwp_reviews")
    client = models.ForeignKey("people.Client", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, default="")
    task = models.ForeignKey("people.Task", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    history = audited()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "due_on"], name="dep_review_once_per_date"),
            models.CheckConstraint(condition=Q(held_on__isnull=True) | ~Q(outcome=""), name="dep_review_outcome"),
        ]

    def __str__(self):
        return f"DWP review due {self.due_on:%d %B %Y}"
