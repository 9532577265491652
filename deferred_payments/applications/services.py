"""Writing applications for a deferred payment agreement: the enquiry, the application with the home and
its valuation, the eligibility answers, the equity limit, the disposable income allowance; refusing or
withdrawing one. While an agreement is being offered or set up the person's care charge debts are held
off the recovery ladder (Care Act 2014 s.69(2); hold reason ``deferred_payment``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max

from core.exceptions import ApplicationError, PermissionDeniedError
from core.history import save_attributed
from core.rules import require
from deferred_payments.agreements.choices import AgreementStatus
from deferred_payments.agreements.models import Agreement
from deferred_payments.agreements.selectors import policy_in_force
from deferred_payments.applications.eligibility import Eligibility, eligibility
from deferred_payments.applications.models import Application
from deferred_payments.interest.calculator import equity_limit
from people.selectors import today

#: How long a recovery hold placed for an application runs before debt recovery reviews it.
HOLD_REVIEW_DAYS = 90

OPEN_STATUSES = (AgreementStatus.ENQUIRY, AgreementStatus.APPLIED, AgreementStatus.OFFERED, AgreementStatus.SIGNED,
                 AgreementStatus.APPROVED)


class ApplicationInputError(ApplicationError):
    """Refused: ``extra`` names each bad field with its message."""

    code = "invalid"


def _next_reference() -> str:
    last = Agreement.objects.filter(reference__startswith="DPA-").aggregate(m=Max("reference"))["m"]
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"DPA-{number:04d}"


def _decimal(value, field: str, label: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = [f"{label} must be an amount."]
        return None
    if not number.is_finite():
        errors[field] = [f"{label} must be an amount."]
        return None
    return number


def application_start(*, acting_user, client, enquiry_on: dt.date, representative_name: str = "",
                      care_home_name: str = "") -> Application:
    """Record an enquiry: the agreement (reference DPA-nnnn, status enquiry) and its application. The
    person's care charge debts are held off the recovery ladder from now."""
    require(acting_user, "deferred_payments.work_client", client)
    if enquiry_on is None or enquiry_on > today():
        raise ApplicationInputError("The enquiry date cannot be in the future.",
                                    extra={"enquiry_on": ["Enter a date today or before."]})
    if Agreement.objects.filter(client=client, status__in=OPEN_STATUSES).exists():
        raise ApplicationInputError(f"{client.full_name} already has a deferred payment application under way.",
                                    code="application_open")
    with transaction.atomic():
        Agreement.objects.select_for_update().filter(reference__startswith="DPA-").order_by("-reference")[:1].exists()
        agreement = Agreement(reference=_next_reference(), client=client, prepared_by=acting_user)
        save_attributed(agreement, user=acting_user, reason="Deferred payment enquiry received")
        application = Application(agreement=agreement, enquiry_on=enquiry_on, recorded_by=acting_user,
                                  representative_name=representative_name.strip(),
                                  care_home_name=care_home_name.strip())
        save_attributed(application, user=acting_user, reason="Deferred payment enquiry received")
        recovery_holds_place(acting_user=acting_user, agreement=agreement)
    return application


def application_update(*, acting_user, application: Application, home=None, new_home: dict | None = None,
                       applied_on: dt.date | None = None, share_percent=None, valuation_value=None,
                       valuation_on: dt.date | None = None, valuer: str = "", other_capital=None,
                       needs_met_in_care_home: bool | None = None, owns_main_or_only_home: bool | None = None,
                       home_value_disregarded: bool | None = None, first_charge_possible: bool | None = None,
                       agrees_to_terms: bool | None = None, disposable_income_allowance=None,
                       representative_name: str | None = None, care_home_name: str | None = None) -> Application:
    """Record the application: the home (one on the property register, or ``new_home`` — address_line_1,
    town, postcode — added to it), the share, the valuation, other capital, the eligibility answers and
    the disposable income allowance. Everything is checked first; on any error nothing changes. With a
    valuation and a share the agreement's equity limit is worked out under the policy in force."""
    agreement = application.agreement
    require(acting_user, "deferred_payments.work_client", agreement)
    on = today()
    policy = policy_in_force(on)
    errors: dict[str, list[str]] = {}
    if agreement.status not in (AgreementStatus.ENQUIRY, AgreementStatus.APPLIED):
        raise ApplicationInputError("The application cannot change once the agreement has been offered.",
                                    code="not_open")
    if policy is None:
        raise ApplicationInputError("The council's deferred payment policy has not been entered: a team leader "
                                    "records it first.", code="no_policy")
    share = _decimal(share_percent, "share_percent", "The share", errors)
    value = _decimal(valuation_value, "valuation_value", "The value", errors)
    capital = _decimal(other_capital, "other_capital", "Other capital", errors)
    allowance = _decimal(disposable_income_allowance, "disposable_income_allowance", "The allowance", errors)
    if share is not None and not Decimal(0) < share <= Decimal(100):
        errors["share_percent"] = ["The share must be more than 0% and no more than 100%."]
    if value is not None:
        if value < 0:
            errors["valuation_value"] = ["The value cannot be negative."]
        if valuation_on is None:
            errors["valuation_on"] = ["Give the date of the valuation."]
        if not (valuer or "").strip():
            errors["valuer"] = ["Say who valued the home."]
    if valuation_on is not None and valuation_on > on:
        errors["valuation_on"] = ["The valuation date cannot be in the future."]
    if applied_on is not None:
        if applied_on > on:
            errors["applied_on"] = ["The application date cannot be in the future."]
        elif applied_on < application.enquiry_on:
            errors["applied_on"] = [f"The application cannot come before the enquiry "
                                    f"({application.enquiry_on:%d %B %Y})."]
    if capital is not None and capital < 0:
        errors["other_capital"] = ["Other capital cannot be negative."]
    if allowance is not None:
        if allowance < 0:
            errors["disposable_income_allowance"] = ["The allowance cannot be negative."]
        elif allowance > policy.max_disposable_income_allowance:
            errors["disposable_income_allowance"] = [
                f"The most a person may keep is £{policy.max_disposable_income_allowance:,.2f} a week; they may "
                "choose less."]
    if home is not None and home.client_id != agreement.client_id:
        errors["home"] = ["Choose one of this person's properties."]
    if errors:
        raise ApplicationInputError("The application has errors: check each one.", extra=errors)
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if application.pk is None:
            # An agreement recorded without an application (``agreement_application`` gives an unsaved one):
            # the first save adds it, unless one was added meanwhile.
            found = Application.objects.select_for_update().filter(agreement=agreement).first()
            if found is None:
                application.recorded_by = acting_user
                save_attributed(application, user=acting_user, reason="Application added to the agreement")
            else:
                application = found
        application = Application.objects.select_for_update().get(pk=application.pk)
        if home is None and new_home:
            home = _home_record(acting_user=acting_user, agreement=agreement, share=share or Decimal(100),
                                new_home=new_home)
        if home is not None:
            agreement.home = home
        application.applied_on = applied_on or application.applied_on
        for field, given in (("share_percent", share), ("valuation_value", value), ("valuation_on", valuation_on),
                             ("other_capital", capital), ("disposable_income_allowance", allowance),
                             ("needs_met_in_care_home", needs_met_in_care_home),
                             ("owns_main_or_only_home", owns_main_or_only_home),
                             ("home_value_disregarded", home_value_disregarded),
                             ("first_charge_possible", first_charge_possible), ("agrees_to_terms", agrees_to_terms),
                             ("representative_name", representative_name), ("care_home_name", care_home_name)):
            if given is not None:
                setattr(application, field, given.strip() if isinstance(given, str) else given)
        if value is not None:
            application.valuer = valuer.strip()
        save_attributed(application, user=acting_user, reason="Application recorded")
        if application.applied_on:
            agreement.status = AgreementStatus.APPLIED
        limit = application_equity_limit(application, policy=policy)
        agreement.equity_limit = limit.limit if limit is not None else None
        save_attributed(agreement, user=acting_user, reason="Application recorded")
    return application


def _home_record(*, acting_user, agreement, share, new_home: dict):
    from properties.services import property_record

    try:
        return property_record(acting_user=acting_user, client=agreement.client, client_share=share,
                               reason=f"The home in deferred payment application {agreement.reference}", **new_home)
    except PermissionDeniedError:
        raise ApplicationInputError(
            "Only the property team can add a home to the property register: ask them to add it, then choose it "
            "here.", extra={"home": ["The home is not on the register and you cannot add it."]}) from None


def application_equity_limit(application: Application, *, policy=None):
    """The equity limit (the calculator's :class:`EquityLimit`, with its working) from the valuation and share
    under the council's formula, or ``None`` while either is missing."""
    policy = policy or policy_in_force()
    if policy is None or application.valuation_value is None or application.share_percent is None:
        return None
    return equity_limit(value=application.valuation_value, share_percent=application.share_percent,
                        percent_of_value=Decimal(100) - policy.percent_deducted,
                        lower_capital_limit=policy.lower_capital_limit)


def application_eligibility(application: Application, *, policy=None) -> Eligibility:
    policy = policy or policy_in_force()
    upper = policy.upper_capital_limit if policy is not None else Decimal("23250")
    return eligibility(
        needs_met_in_care_home=application.needs_met_in_care_home,
        owns_main_or_only_home=application.owns_main_or_only_home,
        home_value_disregarded=application.home_value_disregarded, other_capital=application.other_capital,
        upper_capital_limit=upper, first_charge_possible=application.first_charge_possible,
        agrees_to_terms=application.agrees_to_terms)


def application_close(*, acting_user, application: Application, outcome: str, reason: str) -> Agreement:
    """Refuse (not eligible) or withdraw (the person does not go ahead) an application not yet approved;
    the recovery holds placed for it are released."""
    agreement = application.agreement
    require(acting_user, "deferred_payments.work_client", agreement)
    reason = (reason or "").strip()
    if outcome not in (AgreementStatus.REFUSED, AgreementStatus.WITHDRAWN):
        raise ApplicationInputError("Choose refused or withdrawn.", extra={"outcome": ["Choose an outcome."]})
    if not reason:
        raise ApplicationInputError("Say why.", extra={"reason": ["Say why the application ends."]})
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in OPEN_STATUSES or agreement.status == AgreementStatus.APPROVED:
            raise ApplicationInputError("Only an application not yet approved can be refused or withdrawn.",
                                        code="not_open")
        application = Application.objects.select_for_update().get(pk=application.pk)
        application.refused_reason = reason
        save_attributed(application, user=acting_user, reason=f"Application {outcome}: {reason}")
        agreement.status = outcome
        save_attributed(agreement, user=acting_user, reason=f"Application {outcome}: {reason}")
        recovery_holds_release(acting_user=acting_user, agreement=agreement,
                               note=f"Deferred payment application {agreement.reference} {outcome}: {reason}")
    return agreement


# --- recovery holds (Care Act 2014 s.69(2)) -----------------------------------------------------------

def _open_debtors(agreement):
    from debt_recovery.selectors import client_debtor_accounts

    return [d for d in client_debtor_accounts(client=agreement.client) if d.status == "open"]


def recovery_holds_place(*, acting_user, agreement) -> int:
    """Hold each of the person's open care charge debts off the recovery ladder while the agreement is being
    offered or set up (hold reason ``deferred_payment``), through debt recovery's service: placed now where the
    acting officer may work the debt, else a task to place it goes to someone in debt recovery who holds the
    client. Returns how many holds were placed now."""
    from debt_recovery.selectors import HoldReason
    from debt_recovery.services import hold_place_or_ask

    placed = 0
    note = f"Deferred payment agreement {agreement.reference} is being offered or set up (Care Act 2014 s.69(2))."
    for debtor in _open_debtors(agreement):
        done = hold_place_or_ask(acting_user=acting_user, debtor=debtor, reason=HoldReason.DEFERRED_PAYMENT,
                                 review_on=today() + dt.timedelta(days=HOLD_REVIEW_DAYS), note=note,
                                 subject=agreement)
        placed += int(done is not None and done._meta.model_name == "hold")
    return placed


def recovery_holds_release(*, acting_user, agreement, note: str) -> int:
    """Release the ``deferred_payment`` holds on the person's debts (the agreement is active, withdrawn or
    refused), through debt recovery's service; where the acting officer may not, someone in debt recovery who
    holds the client is asked to by a task. Returns how many were released now."""
    from debt_recovery.selectors import HoldReason, holds_in_force
    from debt_recovery.services import hold_release_or_ask

    released = 0
    for hold in holds_in_force().filter(debtor__in=_open_debtors(agreement), reason=HoldReason.DEFERRED_PAYMENT,
                                        released_at__isnull=True):
        done = hold_release_or_ask(acting_user=acting_user, hold=hold, note=note, subject=agreement)
        released += int(done is not None and done._meta.model_name == "hold")
    return released
