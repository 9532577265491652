"""Writing deferred payment agreements. The agreement's lifecycle (application to settlement) is built on
these; the money parts (accrual, statements, ending) post to the agreement's debt account."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError, ConflictError
from core.history import save_attributed, set_reason
from core.rules import require
from deferred_payments.agreements.choices import AgreementStatus, Party, RateKind
from deferred_payments.agreements.models import Agreement, AgreementPolicy, Signature, WeeklyDeferral
from deferred_payments.agreements.selectors import policy_in_force
from ledger.choices import AccountKind, OwnerKind, Purpose
from ledger.models import Account
from people.selectors import today


def debt_account_open(*, acting_user, agreement: Agreement) -> Account:
    """The agreement's debt account (what the person owes under it: deferred charges, interest, fees),
    agreement-owned and named by its reference; opened on first use, the same account after."""
    if agreement.debt_account_id is not None:
        return agreement.debt_account
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.debt_account_id is not None:
            return agreement.debt_account
        account = Account(name=f"{agreement.client.full_name} ({agreement.reference}): deferred payment agreement",
                          kind=AccountKind.ASSET, owner_kind=OwnerKind.AGREEMENT, owner_reference=agreement.reference,
                          purpose=Purpose.DEFERRED_DEBT)
        account._history_user = acting_user
        set_reason(account, f"Debt account opened for deferred payment agreement {agreement.reference}")
        account.save()
        agreement.debt_account = account
        agreement._history_user = acting_user
        set_reason(agreement, "Debt account opened")
        agreement.save(update_fields=["debt_account"])
    return account


# --- the council's policy, the offer, signatures, approval, weekly deferrals --------------------------

FEE_FIELDS = ("setup_fee", "valuation_fee", "annual_fee", "discharge_fee")
POLICY_FIELDS = ("rate_kind", "fixed_rate", "compounding", "day_basis", "interest_counts_to_limit",
                 "fees_count_to_limit", "percent_deducted", "lower_capital_limit", "upper_capital_limit",
                 "max_disposable_income_allowance", *FEE_FIELDS, "legal_contact")
SIGNED_STATUSES = (AgreementStatus.OFFERED, AgreementStatus.SIGNED)


class AgreementError(ApplicationError):
    code = "invalid"


def policy_record(*, acting_user, effective_from: dt.date, **fields) -> AgreementPolicy:
    """Record the council's deferred payment policy from ``effective_from`` (team leaders). Agreements already
    offered keep the terms they were offered on."""
    require(acting_user, "deferred_payments.lead")
    unknown = set(fields) - set(POLICY_FIELDS)
    if unknown:
        raise AgreementError(f"Unknown policy fields: {', '.join(sorted(unknown))}.")
    if fields.get("rate_kind", RateKind.NATIONAL_MAXIMUM) == RateKind.FIXED and fields.get("fixed_rate") is None:
        raise AgreementError("Give the fixed rate.", extra={"fixed_rate": ["Enter the council's annual rate."]})
    if fields.get("rate_kind", RateKind.NATIONAL_MAXIMUM) == RateKind.NATIONAL_MAXIMUM:
        fields["fixed_rate"] = None
    if AgreementPolicy.objects.filter(effective_from=effective_from).exists():
        raise AgreementError("A policy already starts on that date.",
                             extra={"effective_from": ["Choose another date."]})
    policy = AgreementPolicy(effective_from=effective_from, recorded_by=acting_user, **fields)
    policy.full_clean(exclude=["recorded_by", "legal_contact"])
    save_attributed(policy, user=acting_user, reason=f"Deferred payment policy from {effective_from:%d %B %Y}")
    return policy


def required_parties(agreement: Agreement) -> list[str]:
    """Who must sign: the council; the person, or their representative where one acts; the care home where
    it is a party."""
    from deferred_payments.applications.models import Application

    application = Application.objects.filter(agreement=agreement).first()
    parties = [Party.COUNCIL, Party.REPRESENTATIVE if application and application.representative_name else Party.PERSON]
    if application and application.care_home_name:
        parties.append(Party.CARE_HOME)
    return parties


def agreement_offer(*, acting_user, agreement: Agreement) -> Agreement:
    """Offer the agreement: the person is eligible, the equity limit and the home are known; the policy in
    force is copied onto it (interest convention, fees) and the agreement document is generated for the
    council, the person or their representative and, where relevant, the care home."""
    from deferred_payments.applications.services import application_eligibility
    from documents.choices import DocumentKind
    from documents.services import document_request

    require(acting_user, "deferred_payments.work_client", agreement)
    policy = policy_in_force()
    if policy is None:
        raise AgreementError("The council's deferred payment policy has not been entered.", code="no_policy")
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != AgreementStatus.APPLIED:
            raise ConflictError("Only an application received can be offered an agreement.", code="not_applied")
        check = application_eligibility(agreement.application, policy=policy)
        if not check.eligible:
            raise AgreementError(f"The agreement cannot be offered. {check.summary}", code="not_eligible")
        if agreement.home_id is None or agreement.equity_limit is None:
            raise AgreementError("Record the home, its valuation and the person's share first.", code="incomplete")
        for field in ("rate_kind", "fixed_rate", "compounding", "day_basis", "interest_counts_to_limit",
                      "fees_count_to_limit"):
            setattr(agreement, field, getattr(policy, field))
        agreement.policy = policy
        agreement.fees = {field: f"{getattr(policy, field):.2f}" for field in FEE_FIELDS}
        agreement.offered_on = today()
        agreement.status = AgreementStatus.OFFERED
        save_attributed(agreement, user=acting_user, reason="Agreement offered on the council's terms")
        document = document_request(acting_user=acting_user, client=agreement.client,
                                    kind=DocumentKind.DPA_AGREEMENT, request_key=f"dpa-agreement-{agreement.pk}",
                                    letter_args={"agreement_id": agreement.pk})
        agreement.document = document
        save_attributed(agreement, user=acting_user, reason="Agreement document generated")
    return agreement


def signature_record(*, acting_user, agreement: Agreement, party: str, name: str, capacity: str,
                     signed_on: dt.date) -> Signature:
    """Record one party's signature. When every party needed has signed the agreement awaits approval."""
    require(acting_user, "deferred_payments.work_client", agreement)
    errors = {}
    if party not in Party.values:
        errors["party"] = ["Choose who signed."]
    if not (name or "").strip():
        errors["name"] = ["Give the name of who signed."]
    if not (capacity or "").strip():
        errors["capacity"] = ["Say in what capacity they signed."]
    if signed_on is None or signed_on > today():
        errors["signed_on"] = ["The date signed cannot be in the future."]
    elif agreement.offered_on and signed_on < agreement.offered_on:
        errors["signed_on"] = [f"The agreement was offered on {agreement.offered_on:%d %B %Y}: it cannot be signed "
                               "before."]
    if errors:
        raise AgreementError("The signature has errors: check each one.", extra=errors)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in SIGNED_STATUSES:
            raise ConflictError("Signatures are recorded once the agreement is offered and before it is approved.",
                                code="not_offered")
        if agreement.signatures.filter(party=party).exists():
            raise AgreementError(f"{Party(party).label} has already signed.", extra={"party": ["Already signed."]})
        signature = Signature(agreement=agreement, party=party, name=name.strip(), capacity=capacity.strip(),
                              signed_on=signed_on, recorded_by=acting_user)
        save_attributed(signature, user=acting_user, reason=f"Signed by {Party(party).label.lower()}")
        signed = set(agreement.signatures.values_list("party", flat=True))
        if set(required_parties(agreement)) <= signed and agreement.status == AgreementStatus.OFFERED:
            agreement.status = AgreementStatus.SIGNED
            save_attributed(agreement, user=acting_user, reason="Signed by every party")
    return signature


def agreement_approve(*, acting_user, agreement: Agreement, starts_on: dt.date | None = None) -> Agreement:
    """Approve a signed agreement: someone other than the officer who prepared it (the database refuses it
    too, ``dpa_approved_by_another``). Interest runs from ``starts_on`` (today); the debt account is opened.
    Nothing is deferred until the legal charge is confirmed or an interim arrangement approved."""
    require(acting_user, "deferred_payments.work_client", agreement)
    if acting_user.pk == agreement.prepared_by_id:
        raise AgreementError("You prepared this agreement: someone else must approve it.", code="own_agreement")
    starts_on = starts_on or today()
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status != AgreementStatus.SIGNED:
            raise ConflictError("Only an agreement signed by every party can be approved.", code="not_signed")
        if agreement.offered_on and starts_on < agreement.offered_on:
            raise AgreementError("The agreement cannot start before it was offered.",
                                 extra={"starts_on": ["Choose a later date."]})
        agreement.status = AgreementStatus.APPROVED
        agreement.approved_by = acting_user
        agreement.approved_at = timezone.now()
        agreement.starts_on = starts_on
        save_attributed(agreement, user=acting_user, reason="Agreement approved")
        agreement.debt_account = debt_account_open(acting_user=acting_user, agreement=agreement)
    return agreement


def weekly_deferral_record(*, acting_user, agreement: Agreement, effective_from: dt.date,
                           amount: Decimal | None = None, source: str = "") -> WeeklyDeferral:
    """The weekly amount deferred from ``effective_from``. Without ``amount`` it is read from the person's
    approved residential financial assessment in force that day (the part of the weekly cost of care they
    do not pay from income: the council's share); otherwise ``source`` says where it comes from. Refused
    before the legal charge is confirmed or an interim arrangement approved (``deferral_allowed_from``)."""
    from charging.selectors import live_assessment

    require(acting_user, "deferred_payments.work_client", agreement)
    if agreement.status not in (AgreementStatus.APPROVED, AgreementStatus.ACTIVE):
        raise ConflictError("Weekly amounts are deferred only under an approved agreement.", code="not_active")
    if agreement.deferral_allowed_from is None or effective_from < agreement.deferral_allowed_from:
        raise AgreementError(
            "Nothing can be deferred until the legal charge is confirmed or a team leader approves an interim "
            "arrangement" + (f" (deferral is allowed from {agreement.deferral_allowed_from:%d %B %Y})."
                             if agreement.deferral_allowed_from else "."),
            code="charge_not_confirmed", extra={"effective_from": ["Deferral is not allowed from this date."]})
    if amount is None:
        assessment = live_assessment(client=agreement.client, setting="residential", on=effective_from)
        if assessment is None:
            raise AgreementError("No approved care home financial assessment is in force on that date: enter the "
                                 "amount and where it comes from.", extra={"amount": ["Enter the weekly amount."]})
        amount = assessment.council_share
        source = (f"Financial assessment of {assessment.assessment_date:%d %B %Y}: weekly cost of care "
                  f"£{assessment.weekly_cost_of_care:,.2f} less the weekly charge £{assessment.weekly_charge:,.2f}")
    else:
        try:
            amount = Decimal(str(amount))
        except (InvalidOperation, ValueError):
            raise AgreementError("The amount must be in pounds.", extra={"amount": ["Enter an amount."]}) from None
        if amount < 0:
            raise AgreementError("The amount cannot be negative.", extra={"amount": ["Enter 0 or more."]})
        if not (source or "").strip():
            raise AgreementError("Say where the amount comes from.", extra={"source": ["Give the source."]})
    with transaction.atomic():
        if agreement.weekly_deferrals.filter(effective_from=effective_from).exists():
            raise AgreementError("A weekly amount already starts on that date.",
                                 extra={"effective_from": ["Choose another date."]})
        deferral = WeeklyDeferral(agreement=agreement, effective_from=effective_from, amount=amount,
                                  source=source.strip()[:200], recorded_by=acting_user)
        save_attributed(deferral, user=acting_user, reason=f"£{amount:,.2f} a week deferred")
    return deferral
