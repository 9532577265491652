"""County court claims (Care Act s.69(2), Money Claim Online's limits, the Pre-Action Protocol's 30 days,
six-year limitation), judgment and enforcement, the limitation warnings job, estates, and the claim pack."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from core.exceptions import ApplicationError
from debt_recovery.accounts.services import debtor_account_open
from debt_recovery.court import services
from debt_recovery.court.models import CourtClaim, EstateCase, LimitationWarning
from debt_recovery.court.rules_of_court import enforcement_agent_fees, limitation_date, mcol_problems
from documents.models import Document
from people.models import Task
from people.selectors import today

pytestmark = pytest.mark.django_db


def prepare(debtor, user, **overrides):
    given = dict(acting_user=user, debtor=debtor, defendants=["Norman Haworth"], particulars="Unpaid care charges.",
                 deferred_payment_answer="not_possible", letter_sent_on=today() - dt.timedelta(days=31))
    given.update(overrides)
    return services.court_claim_prepare(**given)


def test_no_claim_where_a_deferred_payment_agreement_could_be_made_and_was_not_refused(owing, debt_officer):
    with pytest.raises(ApplicationError) as refused:
        prepare(owing, debt_officer, deferred_payment_answer="not_refused")
    assert refused.value.code == "care_act_s69_2" and "section 69(2)" in refused.value.message
    assert not CourtClaim.objects.exists()
    assert prepare(owing, debt_officer, deferred_payment_answer="refused").amount == Decimal("6200.00")


@pytest.mark.parametrize("status, stopped", [("applied", True), ("offered", True), ("active", True),
                                             ("withdrawn", False), ("refused", False), ("settled", False)])
def test_the_deferred_payments_record_stops_a_claim_whatever_the_answer(owing, debt_officer, status, stopped):
    """Care Act 2014 s.69(2): an agreement being set up or in force has not been refused by the person, so
    the claim is refused even when the officer answers that one was refused; a withdrawn or refused
    application, or a settled agreement, does not stop it."""
    from deferred_payments.agreements.models import Agreement

    Agreement.objects.create(reference="DPA-0901", client=owing.client, status=status, prepared_by=debt_officer)
    if not stopped:
        assert prepare(owing, debt_officer, deferred_payment_answer="refused").amount == Decimal("6200.00")
        return
    with pytest.raises(ApplicationError) as refused:
        prepare(owing, debt_officer, deferred_payment_answer="refused")
    assert refused.value.code == "care_act_s69_2"
    assert "DPA-0901" in refused.value.message and "Care Act 2014, section 69(2)" in refused.value.message
    assert not CourtClaim.objects.exists()


def test_money_claim_online_limits():
    assert mcol_problems(amount=Decimal("99999.99"), defendants=["A", "B"], particulars="x" * 1080) == {}
    too = mcol_problems(amount=Decimal("100000.00"), defendants=["A", "B", "C"], particulars="x" * 1081)
    assert set(too) == {"amount", "defendants", "particulars"}
    assert "1,081" in too["particulars"][0]


def test_a_claim_that_does_not_fit_is_refused_whole(owing, debt_officer):
    with pytest.raises(ApplicationError) as refused:
        prepare(owing, debt_officer, defendants=["A", "B", "C"], particulars="y" * 1081)
    assert set(refused.value.extra) == {"defendants", "particulars"}
    assert not CourtClaim.objects.exists()


def test_the_debtor_has_30_days_to_reply_to_the_letter_before_claim(owing, debt_officer):
    letter = Document.objects.create(client=owing.client, kind="debt_recovery.letter_before_claim",
                                     title="Letter before claim", template_name="x.html", template_version="1",
                                     request_key="lbc-test-1234", data={}, requested_by=debt_officer)
    Document.objects.filter(pk=letter.pk).update(requested_at=letter.requested_at - dt.timedelta(days=10))
    with pytest.raises(ApplicationError) as early:
        prepare(owing, debt_officer, letter_sent_on=None)
    assert "letter_sent_on" in early.value.extra
    claim = prepare(owing, debt_officer, letter_sent_on=None, reply_received_on=today(),
                    reply_summary="Disputes the March invoice")
    assert claim.letter_before_claim == letter
    assert claim.letter_before_claim_sent_on == today() - dt.timedelta(days=10)


def test_charges_older_than_six_years_are_not_claimed(debtor_client, debt_officer, ledger):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Test")
    old = today().replace(year=today().year - 7)
    ledger.charge(debtor.ledger_account, "400.00", old)
    ledger.charge(debtor.ledger_account, "250.00", today() - dt.timedelta(days=60))
    assert services.claimable(debtor, on=today()) == (Decimal("250.00"), Decimal("400.00"))
    assert prepare(debtor, debt_officer).amount == Decimal("250.00")


def test_claim_judgment_and_enforcement_in_order(owing, debt_officer):
    claim = prepare(owing, debt_officer)
    with pytest.raises(ApplicationError):
        services.court_claim_judgment(acting_user=debt_officer, claim=claim, judgment_on=today(), amount=Decimal("1"))
    claim = services.court_claim_issue(acting_user=debt_officer, claim=claim, issued_on=today() - dt.timedelta(days=30),
                                       claim_number="K12QZ345")
    with pytest.raises(ApplicationError):  # judgment before the claim was issued
        services.court_claim_judgment(acting_user=debt_officer, claim=claim,
                                      judgment_on=today() - dt.timedelta(days=31), amount=Decimal("6200.00"))
    claim = services.court_claim_judgment(acting_user=debt_officer, claim=claim, judgment_on=today(),
                                          amount=Decimal("6200.00"), terms="Forthwith")
    services.enforcement_record(acting_user=debt_officer, claim=claim, kind="attachment_of_earnings",
                                started_on=today())
    claim.refresh_from_db()
    assert (claim.status, claim.judgment_amount, claim.enforcements.count()) == ("enforcement", Decimal("6200.00"), 1)
    with pytest.raises(ApplicationError):  # one claim under way at a time
        prepare(owing, debt_officer)


def test_enforcement_agents_fees():
    small = {line.stage: line.fee for line in enforcement_agent_fees(Decimal("1000.00"))}
    assert small == {"Compliance stage": Decimal("75.00"), "Enforcement stage": Decimal("235.00"),
                     "Sale or disposal stage": Decimal("110.00")}
    large = {line.stage: line.fee for line in enforcement_agent_fees(Decimal("2500.00"))}
    assert large["Enforcement stage"] == Decimal("310.00") and large["Sale or disposal stage"] == Decimal("185.00")


def test_limitation_date_is_six_years_on():
    assert limitation_date(dt.date(2020, 3, 15)) == dt.date(2026, 3, 15)
    assert limitation_date(dt.date(2020, 2, 29)) == dt.date(2026, 2, 28)


def test_the_limitation_job_warns_once_per_charge(debtor_client, debt_officer, ledger):
    from core.jobs import job_run

    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Test")
    on = today()
    near = on.replace(year=on.year - 6) + dt.timedelta(days=30)
    ledger.charge(debtor.ledger_account, "120.00", near)
    ledger.charge(debtor.ledger_account, "80.00", on.replace(year=on.year - 5))  # not near yet
    first = services.limitation_warnings_run(on=on)
    assert first == {"warnings": 1, "no_officer": 0}
    warning = LimitationWarning.objects.get()
    assert warning.limitation_date == limitation_date(near) and warning.task.assigned_to == debt_officer
    assert services.limitation_warnings_run(on=on + dt.timedelta(days=1))["warnings"] == 0
    job_run(job="debt-limitation-warnings", period=on.isoformat(), work=lambda run: services.limitation_warnings_run(on=on))
    job_run(job="debt-limitation-warnings", period=on.isoformat(), work=lambda run: services.limitation_warnings_run(on=on))
    assert LimitationWarning.objects.count() == 1 and Task.objects.filter(title__startswith="Limitation").count() == 1


def test_an_estate_gets_its_tasks_and_the_deferred_payment_90_days(debtor_client, debt_officer):
    debtor = debtor_account_open(acting_user=debt_officer, client=debtor_client, kind="person", reason="Test")
    with pytest.raises(ApplicationError):
        services.estate_case_open(acting_user=debt_officer, debtor=debtor)
    died = today() - dt.timedelta(days=20)
    type(debtor_client).objects.filter(pk=debtor_client.pk).update(date_of_death=died)
    debtor.refresh_from_db()
    case = services.estate_case_open(acting_user=debt_officer, debtor=debtor, has_deferred_payment=True)
    tasks = Task.objects.filter(object_id=case.pk, content_type__model="estatecase").order_by("due_date")
    assert [t.title.split(":")[0] for t in tasks] == ["Probate search",
                                                      f"Claim against the estate of {debtor_client.display_name}",
                                                      "Deferred payment due " + f"{died + dt.timedelta(days=90):%d %B %Y}"]
    with pytest.raises(ApplicationError):
        services.estate_case_update(acting_user=debt_officer, case=case, reason="Sent", claim_sent_on=today())
    case = services.estate_case_update(acting_user=debt_officer, case=case, reason="Claim sent",
                                       probate_result="grant_found", claim_sent_on=today(),
                                       claim_amount=Decimal("900.00"))
    assert case.status == "claimed" and EstateCase.objects.count() == 1


def test_the_claim_pack_is_a_pdf_with_its_parts(client_as, owing, debt_officer):
    from debt_recovery.court.views import pack_context

    claim = prepare(owing, debt_officer, reply_received_on=today(), reply_summary="Asked for time")
    context = pack_context(claim)
    assert [line.amount for line in context["statement"].lines] == [Decimal("3000.00"), Decimal("3000.00"),
                                                                   Decimal("1000.00"), Decimal("-800.00")]
    assert any("claim pack prepared" in what for _day, what in context["chronology"])
    response = client_as(debt_officer).get(reverse("debt_recovery:claim-pack", args=[claim.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_court_pages_draw_and_refuse_bad_input(client_as, owing, debt_officer):
    browser = client_as(debt_officer)
    assert browser.get(reverse("debt_recovery:claim-prepare", args=[owing.pk])).status_code == 200
    page = browser.post(reverse("debt_recovery:claim-prepare", args=[owing.pk]), {
        "defendant_1": "Norman Haworth", "particulars": "Owed.", "deferred_payment_answer": "not_refused",
        "letter_sent_on_0": "1", "letter_sent_on_1": "1", "letter_sent_on_2": "2026"})
    assert page.status_code == 200 and "section 69(2)" in page.content.decode()
    assert not CourtClaim.objects.exists()
    claim = prepare(owing, debt_officer)
    assert browser.get(reverse("debt_recovery:claim-detail", args=[claim.pk])).status_code == 200
    assert browser.get(reverse("debt_recovery:claims")).status_code == 200
