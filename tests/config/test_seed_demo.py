"""``manage.py seed_demo``: every app's demo step in order; realistic, valid, attributed demo data that a
second run leaves alone."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.selectors import HistoryFilter, history_rows, history_sources
from core.roles import Role
from people.choices import AddressKind, ContactKind, TaskStatus
from people.demo import CLIENTS, demo_nhs_number, demo_postcode
from people.demo_logins import DEMO_LOGINS, DEMO_PASSWORD
from people.forms import POSTCODE
from people.models import Address, Client, Contact, Note, Task, Team, TeamMembership
from people.selectors import clients_visible_to
from people.validators import nhs_number_is_valid

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    """Rows, and history rows, of every audited model."""
    counts = {}
    for source in history_sources():
        counts[source.model._meta.label] = source.model.objects.count()
        counts[f"{source.model._meta.label} history"] = source.history_model.objects.count()
    return counts


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker):
    """Seed once for the whole module, inside a transaction rolled back at the end (seeding takes
    seconds; each test then runs in a savepoint of its own within it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = timezone.now()
        call_command("seed_demo", stdout=io.StringIO())
        yield started
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded_once, db):
    return _seeded_once


def test_running_it_twice_changes_nothing(seeded, capsys):
    before = _counts()
    assert before["people.Client"] == len(CLIENTS) >= 40
    call_command("seed_demo")
    assert _counts() == before
    assert "nothing added" in capsys.readouterr().out


def test_every_change_is_the_system_users_under_the_seed_job(seeded):
    rows = [row for row in history_rows(wanted=HistoryFilter()) if row["audit_at"] >= seeded]
    assert len(rows) > 500
    system = get_user_model().objects.get(username=settings.SYSTEM_USERNAME)
    assert {row["audit_user_id"] for row in rows} == {system.pk}
    assert {row["audit_user_name"] for row in rows} == {"System (scheduled jobs)"}
    assert len({row["audit_request_id"] for row in rows}) == 1
    assert rows[0]["audit_request_id"].startswith("job:seed_demo:")
    assert all("seed_demo" in row["audit_reason"] for row in rows)


def test_every_client_is_valid_and_realistic(seeded):
    today = timezone.localdate()
    clients = list(Client.objects.order_by("council_reference"))
    assert [c.council_reference for c in clients] == [f"ASC-{100001 + i}" for i in range(len(CLIENTS))]
    for client in clients:
        client.full_clean()
        assert client.nhs_number.startswith("999") and nhs_number_is_valid(client.nhs_number), client
        age = client.age_on(client.date_of_death or today)
        assert 18 <= age <= 98, client
        address = client.addresses.filter(kind=AddressKind.HOME).get()
        assert POSTCODE.match(address.postcode) and address.postcode.startswith("QB"), address
    ages = [c.age_on(today) for c in clients]
    assert sum(65 <= a <= 98 for a in ages) >= 30
    assert any(a < 65 for a in ages)
    assert 1 <= sum(c.date_of_death is not None for c in clients) <= 3
    assert all(c.date_of_death <= today for c in clients if c.date_of_death)
    care = Address.objects.filter(kind=AddressKind.CARE_HOME, line_1="Meadowbank Care Home").count()
    assert care >= 5


def test_the_demo_logins_have_their_roles_and_teams(seeded, client):
    User = get_user_model()
    for username, role, _ in DEMO_LOGINS:
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"] == reverse("my-work"), username
        client.logout()
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [Role(role.capitalize()).value]
    admin = User.objects.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    teams = {t.name for t in Team.objects.all()}
    assert teams == {
        "Client affairs (North)", "Client affairs (South)", "Financial assessment and charging",
        "Deferred payments", "Debt recovery", "Property",
    }
    members = {(m.user.username, m.team.name, m.is_leader) for m in TeamMembership.objects.select_related("user", "team")}
    assert members == {
        ("olivia", "Client affairs (North)", False), ("tom", "Client affairs (North)", True),
        ("priya", "Financial assessment and charging", False), ("sam", "Financial assessment and charging", True),
        ("dev", "Debt recovery", False), ("joan", "Debt recovery", True),
        ("nadia", "Deferred payments", False), ("imran", "Deferred payments", True),
        ("owen", "Property", False), ("beth", "Property", True),
        ("kemi", "Client affairs (South)", True), ("kemi", "Property", False),
        ("ruth", "Client affairs (South)", False),
    }
    assert {u.username: u.is_active for u in User.objects.filter(username__in=["kemi", "ruth"])} == {
        "kemi": True, "ruth": False}
    assert set(User.objects.get(username="kemi").groups.values_list("name", flat=True)) == {Role.TEAM_LEADER}
    olivia = User.objects.get(username="olivia")
    assert clients_visible_to(user=olivia).count() >= 10
    assert clients_visible_to(user=olivia).count() < Client.objects.count()


def test_there_is_work_overdue_due_this_week_and_done(seeded):
    today = timezone.localdate()
    tasks = Task.objects.all()
    assert tasks.filter(status=TaskStatus.OVERDUE, due_date__lt=today).count() >= 5
    assert tasks.filter(status=TaskStatus.OPEN, due_date__range=(today, today + dt.timedelta(days=6))).count() >= 5
    assert tasks.filter(status=TaskStatus.DONE).count() >= 5
    for username in ("olivia", "tom", "priya", "dev"):
        assert tasks.filter(assigned_to__username=username).exists(), username
    assert tasks.filter(assigned_to__username="olivia", status=TaskStatus.OVERDUE).exists()


DATE = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
                  r"December) \d{4}\b")


def _linked(client, name: str) -> bool:
    return client.contact_links.filter(contact__name__startswith=name).exists()


def test_every_task_names_its_client_a_date_and_something_the_demo_holds(seeded):
    """No task asks for work on a record the demo does not have: each names the client, a date, and
    a bank, care home, assessment, payment or invoice that is there for that client."""
    from charging.models import Assessment, Invoice
    from ledger.models import Payment

    from charging.casework.models import Referral

    tasks = list(Task.objects.select_related("client", "assigned_to"))
    assert len(tasks) >= 40
    for task in tasks:
        client, title = task.client, task.title
        if task.subject is not None:
            # A casework service's task about its record (a checklist item, a return, an agreement): the task
            # list shows the client beside it; it must be someone the person it is given to can open.
            if client is not None:
                assert clients_visible_to(user=task.assigned_to).filter(pk=client.pk).exists(), title
            continue
        assert client is not None and client.display_name in title, title
        # The casework services' tasks (a missed top-up, a referral) stand on their record, which
        # carries the dates; the others name a date themselves.
        made_for = task.subject or Referral.objects.filter(task=task, client=client).first()
        assert made_for is not None or DATE.search(title), title
        assert clients_visible_to(user=task.assigned_to).filter(pk=client.pk).exists(), title
        for bank in ("Barclays", "Nationwide"):
            if bank in title:
                assert _linked(client, bank), title
        if "British Gas" in title:
            assert _linked(client, "British Gas"), title
        if "Pension Credit" in title:
            assert client.contact_links.filter(contact__name="DWP Pension Service",
                                               description__contains="Pension Credit").exists(), title
        for home in ("Meadowbank Care Home", "The Beeches Nursing Home"):
            if home in title:
                since = DATE.search(title.split(" since ")[-1].split(" from ")[-1]).group(0)
                address = client.addresses.get(line_1=home)
                assert f"{address.start_date.day} {address.start_date:%B %Y}" == since, title
        if "personal expenses allowance" in title:
            assert Payment.objects.filter(client=client, payee="Prepaid card top-up").exists(), title
        if "died" in title or "estate account" in title:
            assert client.date_of_death and f"{client.date_of_death.day} {client.date_of_death:%B %Y}" in title
            assert _linked(client, "Harrow & Finch") or "Stop payments" in title, title
        if "financial assessment" in title and "Start the" not in title and "statements" not in title:
            assert Assessment.objects.filter(client=client).exists(), title
        if " pays invoice " in title:
            number = re.search(r"invoice (\S+)", title).group(1)
            invoice = Invoice.objects.get(client=client, period=number.removeprefix(f"{client.council_reference}-"))
            assert f"£{invoice.amount:,}" in title and task.assigned_to.username == "dev"
    titles = " ".join(t.title for t in tasks if t.subject is None)
    for gone in ("deputy report", "appointeeship", "Reconcile the client account", "second reminder", "debt panel"):
        assert gone not in titles


def test_contacts_and_notes_are_the_kind_officers_deal_with(seeded):
    organisations = set(Contact.objects.filter(kind=ContactKind.ORGANISATION).values_list("name", flat=True))
    assert {"Barclays Bank UK PLC", "Nationwide Building Society", "DWP Pension Service", "Meadowbank Care Home",
            "British Gas", "Harrow & Finch Solicitors LLP"} <= organisations
    assert Contact.objects.filter(kind=ContactKind.PERSON).count() >= 35
    assert Client.objects.filter(contact_links__relationship="attorney").count() >= 3
    assert Note.objects.filter(text__startswith="Pension Credit award letter received").exists()
    assert Note.objects.filter(text__contains="care home fees").exists()
    # A note's author is an officer, even though the seed job wrote it.
    assert not Note.objects.filter(author__username=settings.SYSTEM_USERNAME).exists()


def test_generated_identifiers_are_well_formed():
    numbers = [demo_nhs_number(i) for i in range(200)]
    assert len(set(numbers)) == 200
    assert all(n.startswith("999") and nhs_number_is_valid(n) for n in numbers)
    assert all(POSTCODE.match(demo_postcode(i)) for i in range(200))


def test_the_demo_has_client_money_at_every_stage(seeded):
    from decimal import Decimal

    from ledger.choices import PaymentStatus, Purpose
    import datetime as dt

    from ledger.closing import closed_up_to
    from ledger.models import (
        Account,
        ClosedMonth,
        Payment,
        Reconciliation,
        StatementImport,
        StatementLine,
        Transaction,
    )
    from ledger.selectors import account_balance, trial_balance

    today = timezone.localdate()
    assert trial_balance().total == Decimal("0.00")
    bank = Account.objects.get(purpose=Purpose.POOLED_BANK)
    held_for_clients = sum(account_balance(account=a) for a in Account.objects.filter(purpose=Purpose.CLIENT_FUNDS))
    suspense = Account.objects.get(purpose=Purpose.SUSPENSE)
    assert account_balance(account=bank) == held_for_clients + account_balance(account=suspense) > 0
    # A statement for each month with money in it: the ledger's own four months and, before them, the months
    # of a deputyship client's year (her order is about 14 months old).
    months = StatementImport.objects.count()
    assert months >= 14 and Reconciliation.objects.count() == months
    assert StatementLine.objects.filter(status="suspense").count() >= 4
    # Pension arrears naming a client but not their reference wait in suspense; Olivia's client picker
    # finds that client by the name the bank printed.
    from django.contrib.auth import get_user_model

    from ledger.selectors import client_money_clients

    arrears = StatementLine.objects.filter(status="suspense", description__contains="PENSION ARREARS")
    assert arrears.count() == 4
    surname = arrears.first().description.split()[-1]
    olivia = get_user_model().objects.get(username="olivia")
    assert [c.last_name.upper() for c in client_money_clients(user=olivia, query=surname)] == [surname]
    assert Payment.objects.filter(status=PaymentStatus.HELD).count() == 1
    # Last month waits for the team leader; the months before are signed off, with their PDFs, and closed.
    last, *before = Reconciliation.objects.order_by("-month")
    assert (last.month.month, before[0].month.month) == (((today.month - 2) % 12) + 1, ((today.month - 3) % 12) + 1)
    assert len(before) == months - 1 and all(r.status == "signed_off" and r.pdf_sha256 for r in before)
    assert last.status == "prepared" and all(r.difference == r.uncleared_total == 0 for r in [last, *before])
    assert ClosedMonth.objects.filter(reopened_at__isnull=True).count() == months - 1
    assert closed_up_to() == last.month - dt.timedelta(days=1)
    # One late item: a refund of the month before last, posted on the first day of last month. The other
    # teams' money (a deputyship client's year, rent, a sale's proceeds) was posted before the months were
    # closed, so nothing else is late and no reconciliation is stale.
    assert last.late_count == 1 and last.late_total == Decimal("42.17")
    assert not Transaction.objects.filter(relates_to_date__isnull=False).exclude(
        postings__amount=Decimal("42.17")).exists()
    assert Transaction.objects.filter(relates_to_date=before[0].month.replace(day=28), effective_date=last.month,
                                      postings__amount=Decimal("42.17")).exists()


def test_the_demo_has_financial_assessments_at_every_stage(seeded):
    from charging.models import Assessment

    statuses = set(Assessment.objects.values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "approved", "superseded"}
    for assessment in Assessment.objects.filter(status="approved"):
        assert assessment.approved_by.username == "sam" and assessment.assessed_by.username == "priya"
        assert assessment.weekly_charge + assessment.council_share == assessment.weekly_cost_of_care


def test_the_demo_sends_letters_to_the_care_home_with_a_copy_and_c_o_client_affairs_for_a_council_deputy(seeded):
    from people import correspondence
    from people.selectors import today

    peggy = Client.objects.get(council_reference="ASC-100001")
    moved_in = peggy.addresses.get(kind=AddressKind.CARE_HOME, end_date__isnull=True).start_date
    assert peggy.addresses.filter(kind=AddressKind.HOME, end_date__isnull=True).exists()  # her old home is still held
    resolution = correspondence.resolve(peggy, today())
    assert resolution.because == "rule"
    assert resolution.addressee.address_lines[0] == "Meadowbank Care Home" and moved_in <= today()
    assert [(c.name, c.role) for c in resolution.copies] == [("Susan Thornton", "attorney")]
    assert resolution.copies[0].address_lines

    deputy_for = Client.objects.get(contact_links__relationship="deputy",
                                    contact_links__contact__organisation_type="council")
    resolution = correspondence.resolve(deputy_for, today())
    assert (resolution.because, resolution.addressee.kind, resolution.addressee.team) == (
        "council", "council", "Client affairs (North)")
    assert deputy_for.last_name == "O'Connor"
    # Her invoices, made by the demo's charging run after the deputyship was recorded, went c/o the team.
    from charging.models import Invoice

    invoice = Invoice.objects.filter(client=deputy_for, document__isnull=False).order_by("-period_start").first()
    assert invoice is not None
    assert invoice.document.data["recipient"]["address_lines"][0] == "c/o Client affairs (North)"


def test_each_app_seeds_its_own_part_after_the_parts_it_builds_on():
    from core.registry import registry

    plan = [step.key for step in registry.demo_plan()]
    assert plan[0] == "people" and plan.index("client-money") < plan.index("charging")
    assert plan[-1] == "client-money-month-end"
    assert {"people", "client-money", "charging"} <= set(plan)



def test_debt_recovery_has_debtors_whose_invoices_are_aged_across_the_bands(seeded):
    from debt_recovery.models import DebtorAccount
    from debt_recovery.selectors import with_aged_balances
    from people.demo import DEBT

    held = Client.objects.filter(allocations__team__name=DEBT, allocations__end_date__isnull=True)
    debtors = DebtorAccount.objects.filter(client__in=held)
    assert debtors.count() >= 3
    lines = with_aged_balances(debtors)
    assert all(line.debtor.opened_by.username == "dev" and line.debtor.history.get().history_change_reason
               for line in lines)
    owing = [line for line in lines if line.aged.owed > 0]
    assert len(owing) >= 3
    assert len({line.aged.oldest_band for line in owing}) >= 3  # some recent, some long overdue
    bands_with_debt = {key for line in owing for key, amount in line.aged.bands.items() if amount > 0}
    assert {"d0_28", "d29_56", "d57_90", "d91_180"} <= bands_with_debt
    # someone has paid something: the payments are in the ledger, set against the oldest charges first
    assert any(line.aged.owed < sum(x.amount for x in line.debtor.ledger_account.postings.filter(amount__gt=0))
               for line in owing)


def test_the_demo_has_a_completed_statement_run_for_the_last_period(seeded):
    from debt_recovery.models import DebtorAccount, Statement, StatementRun
    from documents.choices import DocumentStatus

    run = StatementRun.objects.get()
    assert run.status == "complete" and run.started_by.username == "joan" and run.print_file.is_ready
    statements = Statement.objects.filter(run=run)
    assert statements.count() == run.debtors >= 3
    assert set(statements.values_list("debtor", flat=True)) <= set(DebtorAccount.objects.values_list("pk", flat=True))
    unlettered = [(s.debtor.reference, s.no_letter_reason) for s in statements if s.document is None]
    assert not unlettered
    assert all(s.document.status == DocumentStatus.READY for s in statements.select_related("document"))
    assert statements.filter(closing_balance__gt=0).exists() and statements.exclude(charges=0).exists()


def test_debt_recovery_has_write_offs_a_court_claim_an_estate_and_a_panel_decision(seeded):
    from debt_recovery.models import CourtClaim, EstateCase, PanelCase, WriteOff
    from debt_recovery.writeoffs.models import AuthorityBand

    assert [(b.up_to, b.level) for b in AuthorityBand.objects.all()] == [
        (Decimal("100.00"), "officer"), (Decimal("5000.00"), "team_leader"), (Decimal("10000.00"), "senior_manager"),
        (None, "executive")]
    approved = WriteOff.objects.get(status="approved")
    assert approved.transaction_id and approved.decided_by.username == "joan" and approved.recommended_by.username == "dev"
    assert WriteOff.objects.filter(status="recommended").count() == 1
    claim = CourtClaim.objects.get()
    assert claim.status == "judgment" and claim.judgment_on and claim.issued_on < claim.judgment_on
    estate = EstateCase.objects.get()
    assert estate.probate_result == "grant_found" and estate.debtor.client.date_of_death
    case = PanelCase.objects.get()
    assert case.status == "decided" and case.actions.count() == 2
