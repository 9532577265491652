"""The permission matrix: every URL in the URL configuration, for every role, on clients of their own
service and of others, by every method it answers.

The list of URLs is read from the URL configuration, so a new page or API view fails here until it
declares its rule (``core.rules``) and this file says, in :data:`EXPECT`, who may open and submit it.
The expectations are written out by hand (who, on which client), not worked out from the rules, so a
rule that is wrong fails here too.

Personas (each signed in): the client affairs officer and team leader (North team), the charging
officer and team leader, a debt recovery officer, an auditor, an administrator, and someone signed in
with no team or role. Clients: ``ca`` held by client affairs only, ``ch`` by charging only, ``both``
by both, ``debt`` by debt recovery only. What each persona may see follows from that: a client they
may not see is a 404 (exactly like one that does not exist); one they see but may not act on is a
403; the signed-out are sent to sign in (pages) or refused (API).

Every request runs inside the test's transaction, so what an allowed POST does is undone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client as BrowserClient
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from charging.casework.services import appeals, topups
from charging import services as charging_services
from charging.uplift.choices import UpliftStatus
from charging.models import UpliftItem, UpliftRun
from core.roles import Role
from debt_recovery.models import DebtorAccount, Hold, LadderStep, Statement, StatementRun
from debt_recovery.models import DebtorAccount, Hold, LadderStep, Payment, Refund, SuspenseReceipt
from debt_recovery.payments.services import payments_suspense_account
from ledger.receivables import council_bank_account
from ledger.services import PostingLine, transaction_post
from debt_recovery.models import BacsFile, CollectionRun, DebtorAccount, Hold, LadderStep, Mandate
from debt_recovery.bacs_reports.models import BacsReport
from debt_recovery.models import BacsFile, CollectionRun, DebtorAccount, Hold, LadderStep, Mandate
from debt_recovery.models import Payment, Refund, SuspenseReceipt
from debt_recovery.payments.services import payments_suspense_account
from ledger.receivables import council_bank_account
from ledger.services import PostingLine, transaction_post
from core.rules import rules_of
from deputyship.payruns.models import PaymentRun, PaymentRunLine
from deputyship.schedule.models import PaymentRequest
from documents.choices import DocumentKind
from documents.models import Document
from ledger import client_money
from ledger import selectors as ledger_selectors
from ledger.receivables import care_charge_accounts_open
from ledger.choices import MoneyInCategory, MoneyOutCategory, PaymentStatus
from ledger.models import (
    BankBalanceSource,
    Reconciliation,
    ReconciliationStatus,
    StatementImport,
    StatementLayout,
    StatementLine,
    StatementLineStatus,
)
from people import services as people_services
from people.choices import Relationship, Service
from people.models import Allocation, Notification, Task
from people.selectors import today
from tests.charging.conftest import care_started, resident_inputs
from tests.factories import ClientFactory, ContactFactory, TeamFactory, TeamMembershipFactory, UserFactory

PERSONAS = ("ca_officer", "ca_leader", "ch_officer", "ch_leader", "debt_officer", "auditor", "administrator",
            "no_role")
SCOPES = ("ca", "ch", "both", "debt")

# Who sees which clients (not a rule under test: the visibility every answer below depends on).
SEES = {
    "ca_officer": {"ca", "both"}, "ca_leader": {"ca", "both"},
    "ch_officer": {"ch", "both"}, "ch_leader": {"ch", "both"},
    "debt_officer": {"debt"}, "auditor": set(SCOPES), "administrator": set(SCOPES), "no_role": set(),
}

# --- who may: the expectations, written out -----------------------------------------------------------

CA = {"ca_officer", "ca_leader"}
CH = {"ch_officer", "ch_leader"}
STAFF = CA | CH | {"debt_officer"}
READERS = {"auditor", "administrator"}
EVERYONE = STAFF | READERS
NOBODY: set = set()


def on(personas, scopes):
    """(persona, scope) pairs: these personas, on these clients."""
    return {(p, s) for p in personas for s in scopes}


HOLDS_CA = on(CA, {"ca", "both"})  # the client affairs team holds the client
HOLDS_CH = on(CH, {"ch", "both"})  # the charging team holds the client
HOLDS_ANY = HOLDS_CA | HOLDS_CH | on({"debt_officer"}, {"debt"})
SEES_CLIENT = HOLDS_ANY | on(READERS, SCOPES)
LEADS_CH = on({"ch_leader"}, {"ch", "both"})
HOLDS_DEBT = on({"debt_officer"}, {"debt"})
DEBT_RECORD = ("debt",)  # debt recovery's records exist only where the debt recovery team holds the client


@dataclass(frozen=True)
class Expect:
    """Who may use one URL: ``get`` / ``post`` / ``patch`` are personas (a URL about no client) or
    (persona, scope) pairs (a URL about a client's record); a method left as None is not answered
    (405). ``scopes`` are the clients the URL is tried on; ``arg`` names the world's record it takes."""

    arg: str | None = None
    scopes: tuple[str, ...] = ()
    get: set | None = None
    post: set | None = None
    patch: set | None = None
    get_ok: frozenset = frozenset({200})
    api: bool = False
    query: str = ""


# Records about no one client: tried once, not per client.
COUNCIL_RECORDS = {"ladder_step", "rate", "uplift", "uplift_item", "statement_import", "statement_layout",
                   "token", "reconciliation", "line", "signed_off", "team", "writeoff_band", "delegation",
                   "statement_run", "suspense_receipt", "dd_run", "bacs_file", "bacs_report",
                   "user", "membership", "payment_run", "dpa_national_rate", "dpa_fee"}


def page(arg=None, scopes=SCOPES, **kwargs):
    return Expect(arg=arg, scopes=scopes if arg and arg not in COUNCIL_RECORDS else (), **kwargs)


def api(arg=None, scopes=SCOPES, **kwargs):
    return Expect(arg=arg, scopes=scopes if arg else (), api=True, **kwargs)


CHARGING_RECORD = ("ch", "both")  # charging records exist only where the charging team holds the client
MONEY_RECORD = ("ca", "both")  # client money moves only where client affairs holds the client
DEPUTYSHIP_RECORD = ("ca", "both")  # casework records exist only where client affairs holds the client

EXPECT: dict[str, Expect] = {
    # --- people
    "my-work": page(get=EVERYONE),
    "people:notifications": page(get=EVERYONE),
    "people:notification-read": page("notification", scopes=("own",), post={("ca_officer", "own")}),
    "people:client-search": page(get=EVERYONE),
    "people:client-create": page(get=STAFF, post=STAFF),
    "people:client-detail": page("client", get=SEES_CLIENT),
    "people:client-contacts": page("client", get=SEES_CLIENT),
    "people:client-tasks": page("client", get=SEES_CLIENT),
    "people:client-notes": page("client", get=SEES_CLIENT),
    "people:client-edit": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:address-add": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:correspondence-rule": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:client-contact-add": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:note-add": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:client-task-add": page("client", get=HOLDS_ANY, post=HOLDS_ANY),
    "people:task-add": page(get=STAFF, post=STAFF),
    "people:contact-list": page(get=EVERYONE),
    "people:contact-detail": page("contact", get=SEES_CLIENT),
    "people:contact-edit": page("contact", get=HOLDS_ANY, post=HOLDS_ANY),
    # --- deputyship: court returns and fees
    "deputyship:returns": page(get=CA | READERS),
    "deputyship:return-detail": page("court_return", scopes=MONEY_RECORD, get=SEES_CLIENT),
    "deputyship:return-entry-add": page("court_return", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:return-difference": page("court_return", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:return-ready": page("court_return", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:return-render": page("court_return", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:return-submitted": page("court_return", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:fees": page(get=CA | READERS),
    "deputyship:fee-charge": page(post=CA),
    "deputyship:fee-reverse": page("fee_charge", scopes=MONEY_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:fee-rates": page(get=CA | READERS),
    "deputyship:fee-rate-add": page(get={"ca_leader", "administrator"}, post={"ca_leader", "administrator"}),
    "deputyship:opg-fee-pay": page("authority", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "people:caseloads": page(get={"ca_leader", "ch_leader"}, get_ok=frozenset({302})),
    "people:team-caseload": page("team", get={"ca_leader"}),
    # the officer holding the case (the assignee) or the leader of the assignee's team
    "people:task-complete": page("task", get=on({"ca_officer", "ca_leader"}, {"ca", "both"})
                                 | on({"ch_officer", "ch_leader"}, {"ch"}) | on({"debt_officer"}, {"debt"}),
                                 post=on({"ca_officer", "ca_leader"}, {"ca", "both"})
                                 | on({"ch_officer", "ch_leader"}, {"ch"}) | on({"debt_officer"}, {"debt"})),
    "people:allocation-reassign": page("allocation", get=on({"ca_leader"}, {"ca", "both"}) | on({"ch_leader"}, {"ch"}),
                                       post=on({"ca_leader"}, {"ca", "both"}) | on({"ch_leader"}, {"ch"})),
    # --- deferred payments: interest rates, an agreement's money, statements (no persona is in that team)
    "deferred_payments:rates": page(get=READERS),
    "deferred_payments:rate-add": page(get=NOBODY, post=NOBODY),
    "deferred_payments:rate-edit": page("dpa_national_rate", get=NOBODY, post=NOBODY),
    "deferred_payments:fees": page(get=READERS),
    "deferred_payments:fee-add": page(get=NOBODY, post=NOBODY),
    "deferred_payments:fee-change": page("dpa_fee", get=NOBODY, post=NOBODY),
    "deferred_payments:agreement-money": page("dpa_agreement", get=SEES_CLIENT),
    "deferred_payments:statement": page("dpa_statement", get=SEES_CLIENT),
    "deferred_payments:statement-request": page("dpa_agreement", get=NOBODY, post=NOBODY),
    "deferred_payments:statement-issue": page("dpa_statement_request", post=NOBODY),
    "api:deferred-payments-calculate": api(post=STAFF),
    # --- client money
    "ledger:client-money": page("client", get=SEES_CLIENT),
    "ledger:receipt-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "ledger:payment-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "ledger:payment-release": page("payment", scopes=MONEY_RECORD, post=HOLDS_CA),
    "ledger:payment-cancel": page("payment", scopes=MONEY_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "ledger:receipt-confirm": page("manual_receipt", scopes=MONEY_RECORD, post=HOLDS_CA),
    "ledger:overview": page(get=CA | READERS),
    "ledger:pooled-account": page(get=CA | READERS),
    "ledger:suspense": page(get=CA | READERS),
    "ledger:suspense-allocate": page("line", get=CA, post=CA),
    "ledger:imports": page(get=CA | READERS, post=CA),
    "ledger:import-preview": page("token", get=CA, post=CA, get_ok=frozenset({302})),
    "ledger:import-detail": page("statement_import", get=CA | READERS),
    "ledger:statement-layout-new": page(get={"ca_leader"}, post={"ca_leader"}),
    "ledger:statement-layouts": page(get=CA | READERS),
    "ledger:statement-layout": page("statement_layout", get=CA | READERS, post={"ca_leader"}),
    "ledger:statement-layout-change": page("statement_layout", get={"ca_leader"}, post={"ca_leader"}),
    "ledger:bank-details": page(get=CA | READERS, post={"ca_leader", "administrator"}),
    "ledger:reconciliations": page(get=CA | READERS, post=CA),
    "ledger:reconciliation-detail": page("reconciliation", get=CA | READERS),
    "ledger:reconciliation-sign-off": page("reconciliation", post={"ca_leader"}),
    "ledger:reconciliation-prepare-again": page("reconciliation", post=CA),
    "ledger:reconciliation-pdf": page("signed_off", get=CA | READERS),
    "ledger:reconciliation-reopen": page("signed_off", get={"ca_leader"}, post={"ca_leader"}),
    # --- charging
    "charging:client-charging": page("client", get=SEES_CLIENT),
    "charging:care-package-add": page("client", get=HOLDS_CH, post=HOLDS_CH),
    "charging:care-package-end": page("package", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "charging:assessment-create": page("package", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "charging:assessment-detail": page("submitted", scopes=CHARGING_RECORD, get=SEES_CLIENT),
    "charging:assessment-edit": page("draft", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "charging:assessment-submit": page("draft", scopes=CHARGING_RECORD, post=HOLDS_CH),
    "charging:assessment-approve": page("submitted", scopes=CHARGING_RECORD, post=LEADS_CH),
    # the leader, or the assessor (the charging officer worked it out)
    "charging:assessment-return": page("submitted", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "charging:evidence-add": page("submitted", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "charging:evidence-verify": page("evidence", scopes=CHARGING_RECORD, post=HOLDS_CH),
    "charging:assessments": page(get=CH | READERS),
    "charging:approvals": page(get={"ch_leader"} | READERS),
    "charging:uplifts": page(get={"ch_leader"} | READERS, post={"ch_leader"}),
    "charging:uplift-detail": page("uplift", get={"ch_leader"} | READERS),
    "charging:uplift-item": page("uplift_item", get={"ch_leader"} | READERS),
    "charging:uplift-commit": page("uplift", post={"ch_leader"}),
    "charging:rates": page(get=EVERYONE),
    "charging:rate-add": page(get={"ch_leader", "administrator"}, post={"ch_leader", "administrator"}),
    "charging:rate-detail": page("rate", get=EVERYONE),
    "charging:policy": page(get=EVERYONE),
    "charging:policy-add": page(get={"ch_leader", "administrator"}, post={"ch_leader", "administrator"}),
    "casework:topup-list": page("client", get=SEES_CLIENT),
    # --- debt recovery
    "debt_recovery:client-debts": page("client", get=SEES_CLIENT),
    # Deferred payments: no persona here works in the deferred payments team, so only readers see its lists,
    # everyone who sees the client sees its agreements, and nobody here may change one.
    "deferred_payments:agreements": page(get=READERS),
    "deferred_payments:client-deferred-payments": page("client", get=SEES_CLIENT),
    "deferred_payments:application-start": page("client", get=SEES_CLIENT, post=NOBODY),
    "deferred_payments:agreement": page("dpa_agreement", get=SEES_CLIENT),
    "deferred_payments:application": page("dpa_agreement", get=SEES_CLIENT, post=NOBODY),
    "deferred_payments:agreement-action": page("dpa_agreement", post=NOBODY),
    "deferred_payments:agreement-ending": page("dpa_agreement", get=SEES_CLIENT, post=NOBODY),
    "deferred_payments:final-statement": page("dpa_agreement", get=SEES_CLIENT, get_ok=frozenset({404})),
    "debt_recovery:debtor-detail": page("debtor", get=SEES_CLIENT),
    "debt_recovery:aged-debt": page(get={"debt_officer"} | READERS),
    # the recovery ladder and holds: the debt team reads the ladder; only its team leaders change it (no
    # persona here leads a debt recovery team); the team holding the client places and ends holds
    "debt_recovery:ladder": page(get={"debt_officer"} | READERS),
    "debt_recovery:ladder-step-add": page(get=NOBODY, post=NOBODY),
    "debt_recovery:ladder-step-edit": page("ladder_step", get=NOBODY, post=NOBODY),
    "debt_recovery:ladder-step-history": page("ladder_step", get={"debt_officer"} | READERS),
    "debt_recovery:overdue": page(get={"debt_officer"} | READERS),
    "debt_recovery:holds": page(get={"debt_officer"} | READERS),
    "debt_recovery:debtor-ladder": page("debtor", get=SEES_CLIENT),
    # Bacs reports: the debt recovery team imports them; auditors and administrators read them
    "debt_recovery:bacs-reports": page(get={"debt_officer"} | READERS),
    "debt_recovery:bacs-report-upload": page(get={"debt_officer"}, post={"debt_officer"}),
    "debt_recovery:bacs-report-confirm": page(post={"debt_officer"}),
    "debt_recovery:bacs-report": page("bacs_report", get={"debt_officer"} | READERS),
    "debt_recovery:bacs-reconciliation": page(get={"debt_officer"} | READERS),
    "debt_recovery:hold-place": page("debtor", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:hold-release": page("hold", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:debtor-payments": page("debtor", get=SEES_CLIENT),
    "debt_recovery:payment-add": page("debtor", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:payment-reverse": page("debt_payment", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:payment-reallocate": page("debt_payment", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:refund-add": page("debtor", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:refunds": page(get={"debt_officer"}),
    "debt_recovery:refund-decide": page("refund", get=NOBODY, post=NOBODY),
    "debt_recovery:refund-pay": page("refund", post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:suspense": page(get={"debt_officer"}),
    "debt_recovery:suspense-add": page(get={"debt_officer"}, post={"debt_officer"}),
    "debt_recovery:suspense-allocate": page("suspense_receipt", get={"debt_officer"}, post={"debt_officer"}),
    "debt_recovery:payment-files": page(get={"debt_officer"}, post={"debt_officer"}),
    "debt_recovery:allocation-rule": page(get={"debt_officer"}, post=NOBODY),
    "debt_recovery:plans": page(get={"debt_officer"}),
    "debt_recovery:plan-add": page("debtor", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:hold-review": page("hold", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    # write-offs: the debt team recommends and decides (never the recommender: the world's write-off was
    # recommended by another member of the team); administrators keep the authority bands
    "debt_recovery:writeoff-recommend": page("debtor", get=HOLDS_DEBT, post=HOLDS_DEBT),
    "debt_recovery:writeoffs": page(get={"debt_officer"} | READERS),
    "debt_recovery:writeoff-bulk": page(get={"debt_officer"}, post={"debt_officer"}),
    "debt_recovery:writeoff-batch-approve": page(post={"debt_officer"}),
    "debt_recovery:writeoff-authority": page(get={"debt_officer"} | READERS),
    "debt_recovery:writeoff-band-add": page(get={"administrator"}, post={"administrator"}),
    "debt_recovery:writeoff-band-edit": page("writeoff_band", get={"administrator"}, post={"administrator"}),
    "debt_recovery:writeoff-delegation-add": page(get={"administrator"}, post={"administrator"}),
    "debt_recovery:writeoff-delegation-end": page("delegation", post={"administrator"}),
    "debt_recovery:writeoff-detail": page("writeoff", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "debt_recovery:writeoff-approve": page("writeoff", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:writeoff-reject": page("writeoff", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:writeoff-reinstate": page("writeoff", scopes=DEBT_RECORD, get=HOLDS_DEBT, post=HOLDS_DEBT),
    # county court and estates: the team holding the client prepares and records; readers see
    "debt_recovery:claims": page(get={"debt_officer"} | READERS),
    "debt_recovery:claim-prepare": page("debtor", get=HOLDS_DEBT, post=HOLDS_DEBT),
    "debt_recovery:estate-open": page("debtor", get=HOLDS_DEBT, post=HOLDS_DEBT),
    "debt_recovery:claim-detail": page("claim", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "debt_recovery:claim-pack": page("claim", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "debt_recovery:claim-issue": page("claim", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:claim-judgment": page("claim", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:claim-enforcement": page("claim", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:claim-close": page("claim", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "debt_recovery:estate-detail": page("estate", scopes=DEBT_RECORD, get=SEES_CLIENT, post=HOLDS_DEBT),
    "debt_recovery:statement-runs": page(get={"debt_officer"} | READERS, post=NOBODY),  # team leaders start runs
    "debt_recovery:statement-run": page("statement_run", get={"debt_officer"} | READERS),
    "debt_recovery:statement-run-print-file": page("statement_run", get=NOBODY),  # debt team leaders only
    "debt_recovery:statement": page("statement", get=SEES_CLIENT),
    # the debt panel: the team holding the client prepares; a debt recovery team leader (no persona here)
    # records the decision
    "debt_recovery:panel-prepare": page("debtor", get=HOLDS_DEBT, post=HOLDS_DEBT),
    "debt_recovery:panel-cases": page(get={"debt_officer"} | READERS),
    "debt_recovery:panel-case": page("panel_case", scopes=DEBT_RECORD, get=SEES_CLIENT, post=NOBODY),
    "debt_recovery:panel-pack": page("panel_case", scopes=DEBT_RECORD, get=SEES_CLIENT),
    # direct debits: the team holding the client sets up and cancels mandates; runs and files for the debt team
    "debt_recovery:debtor-direct-debit": page("debtor", get=SEES_CLIENT),
    "debt_recovery:dd-mandate-new": page("debtor", get=on({"debt_officer"}, {"debt"}), post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:dd-mandate-cancel": page("mandate", get=on({"debt_officer"}, {"debt"}),
                                            post=on({"debt_officer"}, {"debt"})),
    "debt_recovery:dd-runs": page(get={"debt_officer"} | READERS),
    "deputyship:life-casework": page(get=CA | READERS),
    "debt_recovery:dd-run": page("dd_run", get={"debt_officer"} | READERS),
    "debt_recovery:dd-file": page("bacs_file", get={"debt_officer"} | READERS),
    "casework:topup-add": page("client", get=HOLDS_CH, post=HOLDS_CH),
    "casework:topup-detail": page("agreement", scopes=CHARGING_RECORD, get=SEES_CLIENT),
    "casework:topup-sign": page("agreement", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "casework:topup-end": page("agreement", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "casework:invoice-payment": page("invoice", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "casework:invoice-missed": page("invoice", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "casework:appeal-list": page("client", get=SEES_CLIENT),
    "casework:appeal-add": page("client", get=HOLDS_CH, post=HOLDS_CH),
    "casework:appeal-outcome": page("appeal", scopes=CHARGING_RECORD, get=HOLDS_CH, post=HOLDS_CH),
    "casework:deprivation-add": page("client", get=LEADS_CH, post=LEADS_CH),
    "casework:referral-add": page("client", get=HOLDS_CH, post=HOLDS_CH),
    # --- documents and audit
    "documents:contact-details-letter": page("client_pk", post=HOLDS_ANY),
    "documents:download": page("document", get=SEES_CLIENT),
    "documents:client-letters": page("client", get=SEES_CLIENT),
    "audit:client-history": page("client", get=SEES_CLIENT),
    "audit:history": page(get=READERS),
    "audit:export": page(get=READERS),
    "audit:record-access": page(get=READERS),
    # --- user administration
    "administration:users": page(get={"administrator"}),
    "administration:user-create": page(get={"administrator"}, post={"administrator"}),
    "administration:user-detail": page("user", get={"administrator"}),
    "administration:user-edit": page("user", get={"administrator"}, post={"administrator"}),
    "administration:user-role": page("user", get={"administrator"}, post={"administrator"}),
    "administration:user-deactivate": page("user", get={"administrator"}, post={"administrator"}),
    "administration:user-reactivate": page("user", get={"administrator"}, post={"administrator"}),
    "administration:user-unlock": page("user", get={"administrator"}, post={"administrator"}),
    "administration:user-password-link": page("user", get={"administrator"}, post={"administrator"}),
    "administration:membership-add": page("user", get={"administrator"}, post={"administrator"}),
    "administration:membership-change": page("membership", get={"administrator"}, post={"administrator"}),
    "administration:membership-remove": page("membership", get={"administrator"}, post={"administrator"}),
    "administration:teams": page(get={"administrator"}),
    "administration:team-create": page(get={"administrator"}, post={"administrator"}),
    "administration:team-edit": page("team", get={"administrator"}, post={"administrator"}),
    # --- the API
    "api:client-list": api(get=EVERYONE, post=STAFF),
    "api:client-detail": api("client", get=SEES_CLIENT, patch=HOLDS_ANY),
    "api:client-contacts": api("client", get=SEES_CLIENT),
    "api:contact-list": api(get=EVERYONE, post=STAFF),
    "api:contact-detail": api("contact", get=SEES_CLIENT, patch=HOLDS_ANY),
    "api:charging-assessment-list": api(get=EVERYONE, post=CH),
    "api:charging-assessment-detail": api("submitted", scopes=CHARGING_RECORD, get=SEES_CLIENT, patch=HOLDS_CH),
    "api:charging-assessment-submit": api("draft", scopes=CHARGING_RECORD, post=HOLDS_CH),
    "api:charging-assessment-approve": api("submitted", scopes=CHARGING_RECORD, post=LEADS_CH),
    "api:charging-assessment-return-to-draft": api("submitted", scopes=CHARGING_RECORD, post=HOLDS_CH),
    "api:client-money": api("client", get=SEES_CLIENT),
    "api:debt-recovery-debtors": api(get=EVERYONE),
    "api:debt-recovery-debtor": api("debtor", get=SEES_CLIENT),
    "api:debt-recovery-late-payment-interest": api(post=EVERYONE),
    "api:debt-recovery-holds": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:deputyship-cards": api(get=CA | READERS),
    "api:deputyship-card-agreement-create": api("client", post=HOLDS_CA),
    "api:deputyship-card-issue": api("client", post=HOLDS_CA),
    "api:deputyship-cherished-documents": api(get=CA | READERS),
    "api:deputyship-estates": api(get=CA | READERS),
    "api:debt-recovery-hold": api("hold", get=SEES_CLIENT),
    "api:debt-recovery-hold-release": api("hold", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-debtor-payments": api("debtor", get=SEES_CLIENT, post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-payment-reverse": api("debt_payment", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-payment-reallocate": api("debt_payment", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-suspense": api(get={"debt_officer"}, post={"debt_officer"}),
    "api:debt-recovery-suspense-allocate": api("suspense_receipt", scopes=(), post={"debt_officer"}),
    "api:debt-recovery-refunds": api(get={"debt_officer"}),
    "api:debt-recovery-debtor-refunds": api("debtor", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-refund-decide": api("refund", post=NOBODY),
    "api:debt-recovery-refund-pay": api("refund", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-payment-files": api(post={"debt_officer"}),
    "api:debt-recovery-allocation-rule": api(get={"debt_officer"}, post=NOBODY),
    "api:debt-recovery-plans": api(get={"debt_officer"}),
    "api:debt-recovery-debtor-plans": api("debtor", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-debtor-ladder": api("debtor", get=SEES_CLIENT),
    "api:debt-recovery-claims": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-claim": api("claim", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "api:debt-recovery-claim-events": api("claim", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "api:debt-recovery-limitation": api(get={"debt_officer"} | READERS),
    "api:debt-recovery-estates": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-estate": api("estate", scopes=DEBT_RECORD, get=SEES_CLIENT, patch=HOLDS_DEBT),
    "api:debt-recovery-panel-cases": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-panel-case": api("panel_case", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "api:debt-recovery-panel-decision": api("panel_case", scopes=DEBT_RECORD, post=NOBODY),
    "api:deferred-payments-agreements": api(get=READERS),
    "api:deferred-payments-agreement": api("dpa_agreement", get=SEES_CLIENT),
    "api:deferred-payments-eligibility": api("dpa_agreement", get=SEES_CLIENT),
    # The matrix's agreement has not started: those who may ask are told there is no figure yet (400).
    "api:deferred-payments-settlement": api("dpa_agreement", get=SEES_CLIENT, get_ok=frozenset({400})),
    "api:deferred-payments-statements": api("dpa_agreement", get=SEES_CLIENT),
    "api:deferred-payments-statement": api("dpa_statement", get=SEES_CLIENT),
    "api:deferred-payments-statement-request": api("dpa_agreement", post=NOBODY),
    "api:deferred-payments-statement-issue": api("dpa_statement_request", post=NOBODY),
    "api:debt-recovery-writeoffs": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-writeoff": api("writeoff", scopes=DEBT_RECORD, get=SEES_CLIENT),
    "api:debt-recovery-writeoff-approve": api("writeoff", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "api:debt-recovery-writeoff-reject": api("writeoff", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "api:debt-recovery-writeoff-reinstate": api("writeoff", scopes=DEBT_RECORD, post=HOLDS_DEBT),
    "api:debt-recovery-statement-runs": api(get={"debt_officer"} | READERS),
    "api:debt-recovery-statement-run": api("statement_run", scopes=(), get={"debt_officer"} | READERS),
    "api:debt-recovery-statements": api(get=EVERYONE),
    "api:debt-recovery-statement": api("statement", get=SEES_CLIENT),
    "api:debt-recovery-bacs-reports": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-bacs-report": api("bacs_report", scopes=(), get={"debt_officer"} | READERS),
    "api:debt-recovery-direct-debits": api(get={"debt_officer"} | READERS, post={"debt_officer"}),
    "api:debt-recovery-direct-debit": api("mandate", get=SEES_CLIENT),
    "api:debt-recovery-direct-debit-cancel": api("mandate", post=on({"debt_officer"}, {"debt"})),
    "api:debt-recovery-direct-debit-runs": api(get={"debt_officer"} | READERS),
    "api:debt-recovery-direct-debit-file": api("bacs_file", scopes=(), get={"debt_officer"} | READERS),
    "api:client-money-statement": api("client", get=SEES_CLIENT, query="?from=2026-01-01&to=2026-12-31"),
    "api:client-money-receipts": api("client", post=HOLDS_CA),
    "api:client-money-payments": api("client", post=HOLDS_CA),
    # --- deputyship: court returns and fees
    "api:deputyship-returns": api(get=CA | READERS),
    "api:deputyship-return": api("court_return", scopes=MONEY_RECORD, get=SEES_CLIENT),
    "api:deputyship-return-figures": api("court_return", scopes=MONEY_RECORD, get=SEES_CLIENT),
    "api:deputyship-fees": api(get=CA | READERS),
    "api:deputyship-fee-rates": api(get=CA | READERS),
    "api:ledger-accounts": api(get=EVERYONE),
    "api:ledger-account-statement": api("funds", scopes=MONEY_RECORD, get=SEES_CLIENT,
                                        query="?from=2026-01-01&to=2026-12-31"),
    # --- client affairs casework: referrals, the legal authority, on appointment, safeguarding (deputyship)
    "deputyship:referrals": page(get=CA | READERS),
    "deputyship:thresholds": page(get=CA | READERS, post={"ca_leader"}),
    "deputyship:client-deputyship": page("client", get=SEES_CLIENT),
    "deputyship:authority-check": page("client", get=SEES_CLIENT),
    "deputyship:authority-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:referral-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:concern-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:recovery-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    **{f"deputyship:{name}": page("authority", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA) for name in (
        "authority-end", "court-permission-add", "bond-add", "appointee-review-add", "order-notify", "account-add")},
    "deputyship:referral-detail": page("referral", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT),
    **{f"deputyship:{name}": page("referral", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA) for name in (
        "referral-document-add", "referral-no-parties", "referral-asset-add", "referral-submit", "referral-issued",
        "referral-order", "referral-dwp", "referral-bf57", "referral-close")},
    "deputyship:referral-party-add": page("referral", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    "deputyship:referral-parties-notify": page("referral", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    "deputyship:referral-document-returned": page("referral_document", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    "deputyship:appointee-review-held": page("appointee_review", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA,
                                             post=HOLDS_CA),
    "deputyship:order-notification-update": page("order_notification", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA,
                                                 post=HOLDS_CA),
    "deputyship:account-close": page("account_closure", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:concern-detail": page("concern", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT),
    "deputyship:concern-meeting-add": page("concern", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:concern-close": page("concern", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:recovery-detail": page("recovery", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT),
    "deputyship:recovery-receipt-add": page("recovery", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:recovery-close": page("recovery", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    # --- deputyship: a client's death (the "death" records are of a second, deceased client per scope)
    "deputyship:death-detail": page("client", get=SEES_CLIENT),
    "deputyship:death-record": page("client", get=HOLDS_CA, post=HOLDS_CA),
    # --- deputyship: a client's prepaid card (the scope's client has one in use, so issuing another redirects)
    "deputyship:client-cards": page("client", get=SEES_CLIENT),
    "deputyship:card-agreement-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:card-issue": page("client", get=HOLDS_CA, post=HOLDS_CA, get_ok=frozenset({302})),
    **{f"deputyship:card-{name}": page("prepaid_card", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA)
       for name in ("weekly-spend", "balance", "end", "statement-import")},
    **{f"api:deputyship-card-{name}": api("prepaid_card", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA)
       for name in ("weekly-spend", "balance", "end", "statement-import")},
    "deputyship:death-letters": page("death", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    **{f"deputyship:{name}": page("death", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA) for name in (
        "funeral-consent-add", "final-account", "grant-record", "estate-release", "bona-vacantia")},
    "deputyship:funeral-cost-pay": page("funeral_consent", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "api:deputyship-client-death": api("client", post=HOLDS_CA),
    "api:deputyship-estate": api("death", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT),
    "api:deputyship-estate-letters": api("death", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT, post=HOLDS_CA),
    **{f"api:deputyship-estate-{name}": api("death", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA) for name in (
        "funeral-consents", "final-account", "grant", "release", "bona-vacantia")},
    "api:deputyship-funeral-payments": api("funeral_consent", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    # --- deputyship: a client's life events and registers
    "deputyship:client-life": page("client", get=SEES_CLIENT),
    **{f"deputyship:{name}": page("client", get=HOLDS_CA, post=HOLDS_CA) for name in (
        "life-event-add", "investment-add", "tax-return-add", "funeral-plan-decide", "client-debt-add",
        "benefit-check-add", "cherished-document-add")},
    "deputyship:investment-review": page("investment", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:tax-return-filed": page("tax_return", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    **{f"deputyship:cherished-document-{name}": page("cherished_document", scopes=DEPUTYSHIP_RECORD, get=HOLDS_CA,
                                                     post=HOLDS_CA) for name in ("move", "return")},
    **{f"api:deputyship-client-{name}": api("client", post=HOLDS_CA) for name in (
        "life-events", "investments", "tax-returns", "funeral-plan-decisions", "debts", "benefit-checks",
        "cherished-documents")},
    "api:deputyship-investment-review": api("investment", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    "api:deputyship-tax-return-filed": api("tax_return", scopes=DEPUTYSHIP_RECORD, post=HOLDS_CA),
    **{f"api:deputyship-cherished-document-{name}": api("cherished_document", scopes=DEPUTYSHIP_RECORD,
                                                        post=HOLDS_CA) for name in ("move", "return")},
    "api:deputyship-referrals": api(get=CA | READERS),
    "api:deputyship-referral": api("referral", scopes=DEPUTYSHIP_RECORD, get=SEES_CLIENT),
    "api:deputyship-client-authority": api("client", get=SEES_CLIENT),
    # a POST that writes nothing; auditors' POSTs are refused by the read-only middleware all the same
    "api:deputyship-authority-check": api("client", post=SEES_CLIENT),
    "api:ledger-transactions": api(post={"ch_leader"}),
    "api:charging-calculate": api(post=EVERYONE),
    "api:charging-rates": api(get=EVERYONE),
    # --- client affairs: income and bills on schedule, payment runs
    "deputyship:client-schedule": page("client", get=SEES_CLIENT),
    "deputyship:expected-income-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:scheduled-payment-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:payment-request-add": page("client", get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:payment-request-approve": page("payment_request", scopes=MONEY_RECORD, post=HOLDS_CA),
    "deputyship:payment-request-cancel": page("payment_request", scopes=MONEY_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:missed-income": page(get=CA | READERS),
    "deputyship:payment-runs": page(get=CA | READERS, post=CA),
    "deputyship:payment-run": page("payment_run", get=CA | READERS),
    "deputyship:payment-run-check": page("payment_run", post=CA),
    "deputyship:payment-run-approve": page("payment_run", post=CA),
    "deputyship:payment-run-bacs-file": page("payment_run", get=CA | READERS),
    "deputyship:payment-run-csv-file": page("payment_run", get=CA | READERS),
    "deputyship:payment-run-line-remove": page("run_line", scopes=MONEY_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "deputyship:payment-run-line-reject": page("run_line", scopes=MONEY_RECORD, get=HOLDS_CA, post=HOLDS_CA),
    "api:deputyship-expected-income": api("client", get=SEES_CLIENT, post=HOLDS_CA),
    "api:deputyship-scheduled-payments": api("client", get=SEES_CLIENT, post=HOLDS_CA),
    "api:deputyship-payment-runs": api(get=CA | READERS),
    "api:deputyship-payment-run": api("payment_run", scopes=(), get=CA | READERS),
    "api:deputyship-payment-run-approve": api("payment_run", scopes=(), post=CA),
    # --- properties: repairs, clearance, sale (no persona here is in the property team: they see, never act)
    "properties:repairs": page(get=READERS),
    "properties:home-work": page("prop_home", get=SEES_CLIENT),
    "properties:repair-report": page("prop_home", get=NOBODY, post=NOBODY),
    "properties:repair-detail": page("prop_repair", get=SEES_CLIENT),
    "properties:repair-quote-add": page("prop_repair", get=NOBODY, post=NOBODY),
    "properties:repair-approval-request": page("prop_repair", get=NOBODY, post=NOBODY),
    "properties:repair-approve": page("prop_repair", post=NOBODY),
    "properties:repair-complete": page("prop_repair", get=NOBODY, post=NOBODY),
    "properties:repair-pay": page("prop_repair", get=NOBODY, post=NOBODY),
    "properties:repair-cancel": page("prop_repair", get=NOBODY, post=NOBODY),
    "properties:clearances": page(get=READERS),
    "properties:clearance-create": page("prop_home", get=NOBODY, post=NOBODY),
    "properties:clearance-detail": page("prop_plan", get=SEES_CLIENT),
    "properties:inventory-item-add": page("prop_plan", get=NOBODY, post=NOBODY),
    "properties:safekeeping-receive": page("prop_plan", get=NOBODY, post=NOBODY),
    "properties:storage-contract-add": page("prop_plan", get=NOBODY, post=NOBODY),
    "properties:inventory-item": page("prop_item", get=SEES_CLIENT),
    "properties:inventory-item-decide": page("prop_item", get=NOBODY, post=NOBODY),
    "properties:inventory-item-leave": page("prop_item", get=NOBODY, post=NOBODY),
    "properties:inventory-item-proceeds": page("prop_item", get=NOBODY, post=NOBODY),
    "properties:safekeeping-receipt-pdf": page("prop_receipt", get=SEES_CLIENT),
    "properties:storage-pay": page("prop_contract", get=NOBODY, post=NOBODY),
    "properties:sales": page(get=READERS),
    "properties:sale-start": page("prop_home", get=NOBODY, post=NOBODY),
    "properties:sale-court-application": page("prop_home", get=NOBODY, post=NOBODY),
    "properties:sale-detail": page("prop_sale", get=SEES_CLIENT),
    "properties:sale-court-permission": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-market": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-offer-add": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-offer-decide": page("prop_offer", post=NOBODY),
    "properties:sale-solicitor": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-exchange": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-complete": page("prop_sale", get=NOBODY, post=NOBODY),
    "properties:sale-withdraw": page("prop_sale", get=NOBODY, post=NOBODY),
    "api:properties-repairs": api(get=READERS, post=NOBODY),
    "api:properties-repair": api("prop_repair", get=SEES_CLIENT),
    "api:properties-repair-approve": api("prop_repair", post=NOBODY),
    "api:properties-inventory-items": api(get=READERS),
    "api:properties-inventory-item": api("prop_item", get=SEES_CLIENT),
    "api:properties-inventory-item-decisions": api("prop_item", post=NOBODY),
    "api:properties-sales": api(get=READERS, post=NOBODY),
    "api:properties-sale": api("prop_sale", get=SEES_CLIENT),
    # Clients' property: no persona here is in a property team, so only reading is open (to those who see
    # the client); the property team's own work is tested in tests/properties.
    "properties:client-property": page("client", get=SEES_CLIENT),
    "properties:properties": page(get=READERS),
    "properties:property-detail": page("home", get=SEES_CLIENT),
    "properties:property-timeline": page("home", get=SEES_CLIENT),
    "properties:joint-owner-add": page("home", get=set(), post=set()),
    "properties:occupancy-change": page("home", get=set(), post=set()),
    "properties:keys-add": page("home", get=set(), post=set()),
    "properties:keys-returned": page("keys", get=set(), post=set()),
    "properties:valuation-add": page("home", get=set(), post=set()),
    "properties:policy-add": page("home", get=set(), post=set()),
    "properties:inspection-add": page("home", get=set(), post=set()),
    "properties:certificate-add": page("home", get=set(), post=set()),
    "properties:tenancy-add": page("home", get=set(), post=set()),
    "properties:tenancy-detail": page("tenancy", get=SEES_CLIENT),
    # Rent received is recorded by whoever keeps the client's money (the ledger's own rule decides).
    "properties:rent-receipt-add": page("tenancy", post=SEES_CLIENT),
    "properties:rent-review-add": page("tenancy", post=set()),
    "api:properties-list": api(get=READERS),
    "api:properties-detail": api("home", get=SEES_CLIENT),
    "api:properties-insurance": api("home", get=SEES_CLIENT),
    "api:properties-inspections": api("home", get=SEES_CLIENT),
    "api:properties-tenancies": api("home", get=SEES_CLIENT),
    "api:properties-certificates": api("home", get=SEES_CLIENT, post=set()),
}

# Pages open to anyone (signing in and out; choosing a password from an administrator's one-time link,
# which the link's token guards) or to anyone signed in, with no client's data (the API's description):
# no rule of their own.
WITHOUT_RULES = {"login", "logout", "administration:set-password", "api-schema", "api-docs", "api-redoc"}



def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = namespace + pattern.name if pattern.name else None
            yield name, prefix + str(pattern.pattern), pattern.callback


URLS = [(name, route, callback) for name, route, callback in walk(get_resolver().url_patterns)]


def test_every_url_has_a_rule_and_an_expectation():
    unnamed = [route for name, route, _ in URLS if name is None]
    assert not unnamed, f"Name these URLs so the permission matrix can list them: {unnamed}"
    without_rule = [name for name, _, callback in URLS if name not in WITHOUT_RULES and not rules_of(callback)]
    assert not without_rule, f"These views declare no rule (core.rules.rule_required / rules): {without_rule}"
    listed = {name for name, _, _ in URLS}
    missing = sorted(listed - set(EXPECT) - WITHOUT_RULES)
    assert not missing, f"Say in EXPECT who may use these URLs: {missing}"
    stale = sorted(set(EXPECT) - listed)
    assert not stale, f"EXPECT lists URLs that no longer exist: {stale}"


# --- the world ----------------------------------------------------------------------------------------

@dataclass
class World:
    users: dict = field(default_factory=dict)
    records: dict = field(default_factory=dict)  # (kind, scope) -> record

    def arg(self, kind: str, scope: str | None):
        if kind in ("token",):
            return "no-such-upload"
        if kind == "rate":
            return "PEA"
        return self.records[(kind, scope)].pk


def _member(team, username, *, leader=False, role=Role.OFFICER):
    user = UserFactory(username=username, roles=[Role.TEAM_LEADER if leader else role])
    TeamMembershipFactory(team=team, user=user, is_leader=leader)
    return user


def build_world(tmp_media) -> World:
    world = World()
    north = TeamFactory(name="Client affairs (North)", service=Service.CLIENT_AFFAIRS)
    charging = TeamFactory(name="Financial assessment", service=Service.CHARGING)
    debt = TeamFactory(name="Debt recovery", service=Service.DEBT_RECOVERY)
    u = world.users
    u["ca_officer"] = _member(north, "m_ca_officer")
    u["ca_leader"] = _member(north, "m_ca_leader", leader=True)
    u["ch_officer"] = _member(charging, "m_ch_officer")
    u["ch_leader"] = _member(charging, "m_ch_leader", leader=True)
    u["debt_officer"] = _member(debt, "m_debt_officer")
    u["auditor"] = UserFactory(username="m_auditor", roles=[Role.AUDITOR])
    u["administrator"] = UserFactory(username="m_admin", roles=[Role.ADMINISTRATOR])
    u["no_role"] = UserFactory(username="m_nobody")

    start = today() - dt.timedelta(days=365)
    holders = {"ca": [(north, u["ca_officer"])], "ch": [(charging, u["ch_officer"])],
               "both": [(north, u["ca_officer"]), (charging, u["ch_officer"])], "debt": [(debt, u["debt_officer"])]}
    r = world.records
    r[("team", None)] = north
    r[("user", None)] = u["ch_officer"]
    r[("membership", None)] = u["ch_officer"].memberships.get()
    for scope, teams in holders.items():
        client = ClientFactory(last_name=f"Matrix{scope.title()}")
        allocations = [Allocation.objects.create(client=client, team=team, service=team.service, officer=officer,
                                                 start_date=start) for team, officer in teams]
        r[("allocation", scope)] = allocations[0]  # the first team's: North's for a client both hold
        r[("client", scope)] = r[("client_pk", scope)] = client
        worker = teams[0][1]
        contact = ContactFactory(name=f"Contact of {scope}")
        people_services.client_contact_link(acting_user=worker, client=client, contact=contact,
                                            relationship=Relationship.RELATIVE, description="Daughter")
        r[("contact", scope)] = contact
        r[("task", scope)] = people_services.task_create(acting_user=worker, title=f"Task for {scope}",
                                                         assigned_to=worker, due_date=today(), client=client)
        document = Document(client=client, kind=DocumentKind.CONTACT_DETAILS, title="Contact details",
                            template_name="documents/letters/contact_details.html", template_version="1",
                            request_key=f"matrix-{scope}", data={}, requested_by=worker)
        content = b"%PDF-1.4 matrix"
        document.file.save(f"matrix-{scope}.pdf", ContentFile(content), save=False)
        document.status, document.sha256, document.size = "ready", hashlib.sha256(content).hexdigest(), len(content)
        document.rendered_at = dt.datetime.now(dt.UTC)
        document.save()
        r[("document", scope)] = document
        from deferred_payments.models import Agreement as DpaAgreement, Application as DpaApplication

        r[("dpa_agreement", scope)] = DpaAgreement.objects.create(reference=f"DPA-M{scope}", client=client,
                                                                  prepared_by=worker)
        DpaApplication.objects.create(agreement=r[("dpa_agreement", scope)], enquiry_on=today(), recorded_by=worker)
        receivable = care_charge_accounts_open(acting_user=worker, client_ids=[client.pk])[client.pk]
        r[("debtor", scope)] = DebtorAccount.objects.create(
            reference=f"DM-{scope}", client=client, kind="person", name=client.full_name, ledger_account=receivable,
            opened_by=worker)
        r[("hold", scope)] = Hold.objects.create(debtor=r[("debtor", scope)], reason="dispute", placed_by=worker,
                                                 review_on=today() + dt.timedelta(days=30))
        r[("mandate", scope)] = Mandate.objects.create(
            debtor=r[("debtor", scope)], payer_name=client.full_name, sort_code="309457", account_number="31926819",
            service_user_number="999123", reference=f"DM-{scope}-01".upper(), regular_amount=Decimal("10.00"),
            first_collection_on=today(), signed_on=today(), created_by=worker)
        paid = transaction_post(acting_user=worker, effective_date=today(), kind="receipt", memo="Matrix payment",
                                idempotency_key=f"matrix-payment-{scope}",
                                postings=[PostingLine(council_bank_account(acting_user=worker), Decimal("40.00")),
                                          PostingLine(receivable, Decimal("-40.00"))])
        r[("debt_payment", scope)] = Payment.objects.create(
            debtor=r[("debtor", scope)], amount=Decimal("40.00"), method="card", received_on=today(),
            idempotency_key=f"matrix-{scope}", transaction=paid, recorded_by=worker)
        r[("refund", scope)] = Refund.objects.create(debtor=r[("debtor", scope)], amount=Decimal("40.00"),
                                                     reason="Overpaid", requested_by=worker)

    from debt_recovery.writeoffs.models import AuthorityBand, DelegatedAuthority, WriteOff

    colleague = _member(debt, "m_debt_colleague")
    r[("writeoff", "debt")] = WriteOff.objects.create(
        debtor=r[("debtor", "debt")], amount=Decimal("10.00"), reason="uneconomic", note="Matrix",
        level_required="officer", recommended_by=colleague)
    r[("writeoff_band", None)] = AuthorityBand.objects.create(up_to=None, level="executive")
    from debt_recovery.court.models import CourtClaim, EstateCase

    r[("claim", "debt")] = CourtClaim.objects.create(
        debtor=r[("debtor", "debt")], amount=Decimal("10.00"), defendants=["Matrix"], particulars="Owed",
        deferred_payment_answer="not_possible", letter_before_claim_sent_on=today(), prepared_by=colleague)
    from debt_recovery.panel.models import PanelCase

    r[("panel_case", "debt")] = PanelCase.objects.create(
        debtor=r[("debtor", "debt")], balance=Decimal("0.00"), background="Matrix", recommendation="court",
        recommendation_note="Matrix", prepared_by=colleague)
    from deputyship.authority.models import LegalAuthority
    from deputyship.fees.models import FeeCharge
    from deputyship.returns.models import CourtReturn

    for scope in MONEY_RECORD:
        client = r[("client", scope)]
        # An earlier order, ended yesterday: the casework records below hold the one in force.
        order = LegalAuthority.objects.create(client=client, kind="deputy", reference=f"COP-{scope}", made_on=start,
                                              starts_on=start, ends_on=today() - dt.timedelta(days=1),
                                              recorded_by=u["ca_officer"])
        r[("court_return", scope)] = CourtReturn.objects.create(
            client=client, authority=order, number=1, period_start=start, period_end=start + dt.timedelta(days=364),
            due_on=start + dt.timedelta(days=420))
        r[("fee_charge", scope)] = FeeCharge.objects.create(
            client=client, authority=order, kind="order_work", year=0, due_on=start, amount=Decimal("40.00"),
            charged_on=today(), transaction=r[("debt_payment", scope)].transaction, charged_by=u["ca_officer"])
    r[("estate", "debt")] = EstateCase.objects.create(debtor=r[("debtor", "debt")], date_of_death=today(),
                                                      opened_by=colleague)
    r[("delegation", None)] = DelegatedAuthority.objects.create(user=u["ch_leader"], level="senior_manager",
                                                                granted_by=u["administrator"])

    for scope in MONEY_RECORD:
        client = r[("client", scope)]
        officer = u["ca_officer"]
        client_money.client_receipt_record(acting_user=officer, client=client, amount=Decimal("500.00"),
                                           effective_date=today(), category=MoneyInCategory.STATE_PENSION,
                                           idempotency_key=f"matrix-receipt-{scope}")
        first = ledger_selectors.receipts_to_confirm(client=client).get()
        client_money.receipt_confirm(acting_user=u["ca_leader"], receipt=first)
        client_money.client_receipt_record(acting_user=officer, client=client, amount=Decimal("25.00"),
                                           effective_date=today(), category=MoneyInCategory.OTHER_INCOME,
                                           idempotency_key=f"matrix-receipt-2-{scope}")
        r[("manual_receipt", scope)] = ledger_selectors.receipts_to_confirm(client=client).get()
        for n in range(2):  # the second is held as a possible duplicate of the first
            payment = client_money.client_payment_make(
                acting_user=officer, client=client, amount=Decimal("40.00"), effective_date=today(),
                category=MoneyOutCategory.ELECTRICITY_AND_GAS, payee="British Gas", reference="BG-1",
                idempotency_key=f"matrix-payment-{scope}-{n}")
        assert payment.status == PaymentStatus.HELD
        r[("payment", scope)] = payment
        r[("funds", scope)] = client_money.client_money_accounts_open(acting_user=officer, client=client)[1]

    # Client affairs' payment requests and a payment run (approved, with its files), written directly.
    r[("payment_run", None)] = PaymentRun.objects.create(
        pay_on=today(), status="approved", prepared_by=u["ca_officer"], approved_by=u["ca_leader"],
        approved_at=dt.datetime.now(dt.UTC), bacs_file="matrix", csv_file="matrix", csv_layout="bacs-payment-csv")
    for scope in MONEY_RECORD:
        client = r[("client", scope)]
        made = dict(client=client, due_on=today(), payee="Anglian Water", payee_sort_code="200415",
                    payee_account_number="38290008", amount=Decimal("10.00"), category=MoneyOutCategory.WATER,
                    requested_by=u["ca_officer"])
        r[("payment_request", scope)] = PaymentRequest.objects.create(
            status="awaiting_approval", needs_second_person=True, second_person_reasons="A new payee.", **made)
        in_run = PaymentRequest.objects.create(status="in_run", **made)
        r[("run_line", scope)] = PaymentRunLine.objects.create(
            run=r[("payment_run", None)], payment_request=in_run, client=client, payee="Anglian Water",
            payee_sort_code="200415", payee_account_number="38290008", amount=Decimal("10.00"), category="water")

    for scope in CHARGING_RECORD:
        client = r[("client", scope)]
        officer, leader = u["ch_officer"], u["ch_leader"]
        package = charging_services.care_package_add(
            acting_user=officer, client=client, setting="residential", weekly_cost="900.00",
            start_date=care_started(), provider_name="Beech House Care Home", reason="Moved into Beech House")
        r[("package", scope)] = package

        def draft():
            return charging_services.assessment_draft_create(
                acting_user=officer, client=client, care_package=package, assessment_date=package.start_date,
                inputs=resident_inputs(), reason="Moved into a care home")

        r[("draft", scope)] = draft()
        submitted = charging_services.assessment_submit(acting_user=officer, assessment=draft())
        r[("submitted", scope)] = submitted
        r[("evidence", scope)] = charging_services.evidence_add(
            acting_user=officer, assessment=submitted, evidences="State Pension", document_reference="DWP letter 2026")
        payer = ContactFactory(name=f"Top-up payer {scope}")
        people_services.client_contact_link(acting_user=officer, client=client, contact=payer,
                                            relationship=Relationship.RELATIVE, description="Son")
        agreement = topups.topup_agreement_create(
            acting_user=officer, client=client, payer_kind="third_party", payer=payer, weekly_amount="75.50",
            start_date=today() - dt.timedelta(weeks=8), provider_name="Beech House Care Home")
        agreement = topups.topup_agreement_sign(acting_user=officer, agreement=agreement,
                                                signed_on=agreement.start_date)
        r[("agreement", scope)] = agreement
        topups.topup_invoices_raise(acting_user=leader, period_start=agreement.start_date,
                                    period_end=agreement.start_date + dt.timedelta(days=27))
        r[("invoice", scope)] = agreement.invoices.get()
        r[("appeal", scope)] = appeals.appeal_record(acting_user=officer, client=client, kind="review",
                                                     received_on=today(), grounds="The charge is too high")

    from properties.lettings.models import Tenancy
    from properties.register.models import KeyHolding, Property

    for scope in SCOPES:
        home = Property.objects.create(client=r[("client", scope)], address_line_1=f"{scope} Matrix Road",
                                       town="Borchester", postcode="QB1 1AA", recorded_by=u["ca_leader"])
        r[("home", scope)] = home
        r[("keys", scope)] = KeyHolding.objects.create(home=home, held_by="Neighbour", number_of_keys=1,
                                                       since=today(), recorded_by=u["ca_leader"])
        r[("tenancy", scope)] = Tenancy.objects.create(home=home, tenant="Matrix Tenant", rent=Decimal("500"),
                                                       rent_frequency="monthly", starts_on=today(),
                                                       recorded_by=u["ca_leader"])

    r[("bacs_report", None)] = BacsReport.objects.create(kind="arudd", fingerprint="1" * 64, service_user_number="999123",
                                                         processing_date=today(), content="<BACSDocument/>",
                                                         imported_by=u["ch_leader"])
    suspense = transaction_post(acting_user=u["debt_officer"], effective_date=today(), kind="receipt",
                                memo="Matrix suspense", idempotency_key="matrix-suspense", postings=[
                                    PostingLine(council_bank_account(acting_user=u["debt_officer"]), Decimal("9.00")),
                                    PostingLine(payments_suspense_account(acting_user=u["debt_officer"]),
                                                Decimal("-9.00"))])
    r[("suspense_receipt", None)] = SuspenseReceipt.objects.create(
        amount=Decimal("9.00"), method="bank_transfer", received_on=today(), idempotency_key="matrix-suspense",
        transaction=suspense, recorded_by=u["debt_officer"])
    r[("ladder_step", None)] = LadderStep.objects.create(position=1, kind="reminder", name="Reminder", days_after=7,
                                                         letter_kind="debt_recovery.reminder",
                                                         changed_by=u["ch_leader"])
    r[("dd_run", None)] = CollectionRun.objects.create(run_on=today())
    r[("bacs_file", None)] = BacsFile.objects.create(kind="auddis", processing_date=today(), serial="000001",
                                                     content="", record_count=0, run=r[("dd_run", None)])
    r[("notification", "own")] = Notification.objects.create(user=u["ca_officer"], key="matrix", message="Hello")
    statement = StatementImport.objects.create(file_name="matrix.csv", sha256="0" * 64, layout="natwest",
                                               uploaded_by=u["ca_officer"], lines_total=1, lines_suspense=1)
    r[("statement_import", None)] = statement
    r[("statement_layout", None)] = StatementLayout.objects.create(
        bank_account=client_money._pooled_bank(acting_user=u["ca_leader"]), name="Matrix Bank",
        headings=["Date", "Details", "Amount"], date_column="Date", description_column="Details",
        amount_column="Amount", created_by=u["ca_leader"])
    r[("line", None)] = StatementLine.objects.create(
        statement_import=statement, line_number=2, date=today(), amount=Decimal("25.00"), description="UNKNOWN",
        fingerprint="matrix-line", status=StatementLineStatus.SUSPENSE)
    month = (today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    zero = Decimal("0.00")
    figures = dict(bank_closing_balance=zero, bank_balance_source=BankBalanceSource.ENTERED, ledger_balance=zero,
                   difference=zero)
    r[("reconciliation", None)] = Reconciliation.objects.create(month=month, prepared_by=u["ca_officer"], **figures)
    signed = Reconciliation(month=(month - dt.timedelta(days=1)).replace(day=1), prepared_by=u["ca_officer"],
                            status=ReconciliationStatus.SIGNED_OFF, signed_off_by=u["ca_leader"],
                            signed_off_at=dt.datetime.now(dt.UTC), pdf_sha256="0" * 64, **figures)
    signed.pdf.save("matrix-reconciliation.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
    signed.save()
    r[("signed_off", None)] = signed
    r[("uplift", None)] = UpliftRun.objects.create(uplift_date=today(), status=UpliftStatus.PREVIEWED,
                                                   started_by=u["ch_leader"])
    previous = r[("submitted", "ch")]
    r[("uplift_item", None)] = UpliftItem.objects.create(
        run=r[("uplift", None)], previous=previous, client=previous.client, setting=previous.setting,
        old_weekly_charge=previous.weekly_charge, error="No rate in force for the new year")
    statement_run = StatementRun.objects.create(period="2026-P08", period_start=dt.date(2026, 10, 19),
                                                period_end=dt.date(2026, 11, 15), started_by=u["debt_officer"])
    r[("statement_run", None)] = statement_run
    for scope in SCOPES:
        r[("statement", scope)] = Statement.objects.create(
            run=statement_run, debtor=r[("debtor", scope)], period="2026-P08", period_start=dt.date(2026, 10, 19),
            opening_balance=Decimal("10.00"), charges=Decimal("5.00"), payments=Decimal("3.00"),
            adjustments=Decimal("0.00"), closing_balance=Decimal("12.00"))
    for scope in DEPUTYSHIP_RECORD:
        from deputyship.appointment.models import AccountClosure, OrderNotification
        from deputyship.authority.models import LegalAuthority
        from deputyship.referrals.models import AppointeeReview, Referral, ReferralDocument
        from deputyship.safeguarding.models import RecoveryCase, SafeguardingConcern

        client, officer = r[("client", scope)], u["ca_officer"]
        # The fee and court-return records above may already have given this client its order.
        authority = LegalAuthority.objects.filter(client=client, ends_on__isnull=True).first() or \
            LegalAuthority.objects.create(client=client, kind="deputy", reference=f"M{scope}", made_on=today(),
                                          starts_on=today(), recorded_by=officer)
        r[("authority", scope)] = authority
        referral = Referral.objects.create(client=client, source="care_management", referrer="Matrix",
                                           referred_on=today(), reason="Matrix", authority_sought="deputyship",
                                           created_by=officer)
        r[("referral", scope)] = referral
        r[("appointee_review", scope)] = AppointeeReview.objects.create(authority=authority, client=client,
                                                                        due_on=today())
        r[("referral_document", scope)] = ReferralDocument.objects.create(
            referral=referral, form="COP3", title="COP3", from_whom="Care management", requested_on=today(),
            due_on=today())
        r[("order_notification", scope)] = OrderNotification.objects.create(
            authority=authority, client=client, contact=r[("contact", scope)], letter=r[("document", scope)],
            sent_on=today(), sent_by=officer)
        r[("account_closure", scope)] = AccountClosure.objects.create(
            client=client, authority=authority, institution="Matrix Bank", account_description="0001", holder="M",
            balance=Decimal("1.00"), action="close", recorded_by=officer)
        r[("concern", scope)] = SafeguardingConcern.objects.create(client=client, raised_on=today(), raised_by="M",
                                                                   concern="Matrix", recorded_by=officer)
        r[("recovery", scope)] = RecoveryCase.objects.create(client=client, against="M", description="Matrix",
                                                             amount_claimed=Decimal("5.00"), opened_on=today(),
                                                             recorded_by=officer)
    _death_records(world)
    _card_records(world)
    _life_records(world)
    _dpa_money_records(world, colleague)
    return world


def _death_records(world: World) -> None:
    """For each scope client affairs holds, a second client held by the same teams, who has died, with the
    executor's consent to funeral costs: written directly (so the scope's living client is not frozen)."""
    from deputyship.death.models import Death, FuneralConsent

    r, officer = world.records, world.users["ca_officer"]
    for scope in DEPUTYSHIP_RECORD:
        living = r[("client", scope)]
        client = ClientFactory(last_name=f"MatrixDied{scope.title()}")
        for allocation in Allocation.objects.filter(client=living):
            Allocation.objects.create(client=client, team=allocation.team, service=allocation.service,
                                      officer=allocation.officer, start_date=allocation.start_date)
        death = Death.objects.create(client=client, died_on=today() - dt.timedelta(days=1), notified_on=today(),
                                     notified_how="care_home", recorded_by=officer)
        r[("death", scope)] = death
        r[("funeral_consent", scope)] = FuneralConsent.objects.create(
            death=death, consented_by="Matrix", consented_on=today(), funeral_director="Matrix",
            amount=Decimal("10.00"), recorded_by=officer)


def _card_records(world: World) -> None:
    """For each scope client affairs holds, the client's prepaid card (so its pages and API have one to act on)."""
    from deputyship.cards.models import PrepaidCard

    r, officer = world.records, world.users["ca_officer"]
    for scope in DEPUTYSHIP_RECORD:
        r[("prepaid_card", scope)] = PrepaidCard.objects.create(
            client=r[("client", scope)], provider="Matrix", last_four="0001", holder="client",
            weekly_spend=Decimal("20.00"), agreed_by=officer, issued_on=today())


def _life_records(world: World) -> None:
    """For each scope client affairs holds, an investment, a tax return due and a cherished document held."""
    from deputyship.lifeevents.models import CherishedDocument, Investment, TaxReturn

    r, officer = world.records, world.users["ca_officer"]
    for scope in DEPUTYSHIP_RECORD:
        client = r[("client", scope)]
        r[("investment", scope)] = Investment.objects.create(
            client=client, kind="savings", provider="Matrix Bank", value=Decimal("100.00"), valued_on=today(),
            review_on=today() + dt.timedelta(days=365))
        r[("tax_return", scope)] = TaxReturn.objects.create(client=client, year_ending=2026,
                                                            due_on=dt.date(2027, 1, 31), reason="Matrix")
        r[("cherished_document", scope)] = CherishedDocument.objects.create(
            client=client, kind="will", description="Matrix will", location="Safe", received_on=today(),
            recorded_by=officer)


def _property_records(world: World) -> None:
    """A home for each scope's client, with a repair, a clearance (an item, a safekeeping receipt, a storage
    contract) and a sale with an offer: written directly, as no persona here is in the property team."""
    from properties.clearance.models import ClearancePlan, InventoryItem, SafekeepingReceipt, StorageContract
    from properties.register.models import Property
    from properties.repairs.models import Repair
    from properties.sale.models import Sale, SaleOffer

    by, r = world.users["ca_officer"], world.records
    for scope in SCOPES:
        home = Property.objects.create(client=r[("client", scope)], address_line_1=f"{scope} Road", town="Borchester",
                                       postcode="QB1 1AA", recorded_by=by)
        r[("prop_home", scope)] = home
        r[("prop_repair", scope)] = Repair.objects.create(home=home, what="Leak", reported_on=today(), urgency="urgent",
                                                          reported_by="Neighbour", due_by=today(), recorded_by=by)
        plan = ClearancePlan.objects.create(home=home, planned_on=today(), contractor="Clearers", recorded_by=by)
        r[("prop_plan", scope)] = plan
        r[("prop_item", scope)] = InventoryItem.objects.create(plan=plan, item="Clock", recorded_by=by)
        r[("prop_receipt", scope)] = SafekeepingReceipt.objects.create(
            plan=plan, receipt_number=f"SK-{scope}", place="Safe", received_by="Cashier", received_on=today(),
            recorded_by=by)
        r[("prop_contract", scope)] = StorageContract.objects.create(
            plan=plan, company="Store", starts_on=today(), cost_per_period=Decimal("50.00"), review_on=today(),
            recorded_by=by)
        sale = Sale.objects.create(home=home, status="marketing", authority_reason="Order", last_progress_on=today(),
                                   recorded_by=by)
        r[("prop_sale", scope)] = sale
        r[("prop_offer", scope)] = SaleOffer.objects.create(sale=sale, buyer="Buyer", amount=Decimal("1000.00"),
                                                            made_on=today(), recorded_by=by)


def _dpa_money_records(world: World, colleague) -> None:
    """A deferred payment agreement about each client, with a statement and an open request for one; and a
    national rate (deferred payments' money pages)."""
    from deferred_payments.agreements.models import Agreement
    from deferred_payments.applications.models import Application
    from deferred_payments.rates.models import NationalRate
    from deferred_payments.statements.models import AgreementStatement, StatementRequest

    r = world.records
    r[("dpa_national_rate", None)] = NationalRate.objects.order_by("starts_on").first()
    from deferred_payments.accrual.models import FeeScheduleItem

    r[("dpa_fee", None)] = FeeScheduleItem.objects.create(name="Set-up fee", kind="set_up", amount=Decimal("500.00"),
                                                          effective_from=dt.date(2024, 1, 1), source="Matrix",
                                                          recorded_by=colleague)
    for scope in SCOPES:
        # An active agreement for the money pages (the application pages' agreement above is still an enquiry),
        # with its application so the agreement pages can show it too.
        agreement = Agreement.objects.create(reference=f"DPA-M-{scope}", client=r[("client", scope)], status="active",
                                             starts_on=dt.date(2024, 1, 1), prepared_by=colleague,
                                             approved_by=world.users["ca_leader"])
        Application.objects.create(agreement=agreement, enquiry_on=today(), recorded_by=colleague)
        r[("dpa_agreement", scope)] = agreement
        r[("dpa_statement", scope)] = AgreementStatement.objects.create(
            agreement=agreement, kind="six_monthly", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 6, 30),
            opening=Decimal("0"), deferred=Decimal("10"), fees=Decimal("0"), interest=Decimal("0"),
            payments=Decimal("0"), other=Decimal("0"), closing=Decimal("10"), figures={})
        task = Task.objects.create(title="Matrix", assigned_to=colleague, due_date=today(), created_by=colleague)
        r[("dpa_statement_request", scope)] = StatementRequest.objects.create(
            agreement=agreement, requested_on=today(), requested_by_name="Matrix", due_by=today(), task=task,
            recorded_by=colleague)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module inside a transaction that is rolled back at its end; each test runs in a
    savepoint of it (pytest-django's own), so nothing any request does outlives its test."""
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world(None)
            _property_records(built)
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- the requests -------------------------------------------------------------------------------------

REFUSED = {403, 404}


def _url(name: str, spec: Expect, world: World, scope: str | None) -> str:
    real = name
    if spec.arg is None:
        return reverse(real) + spec.query
    kind = spec.arg
    if kind == "uplift_item":
        item = world.records[("uplift_item", None)]
        return reverse(real, kwargs={"pk": item.run_id, "item_pk": item.pk})
    if kind == "evidence":
        evidence = world.records[("evidence", scope)]
        return reverse(real, kwargs={"pk": evidence.assessment_id, "evidence_pk": evidence.pk})
    kwarg = {"client_pk": "client_pk", "token": "token", "rate": "code"}.get(kind, "pk")
    route = next(r for n, r, _ in URLS if n == name)
    if "<int:id>" in route:
        kwarg = "id"
    return reverse(real, kwargs={kwarg: world.arg(kind, scope)}) + spec.query


def allowed(spec_set, persona: str, scope: str | None) -> bool:
    if spec_set is None:
        return False
    return (persona, scope) in spec_set if scope is not None else persona in spec_set


def expected(name: str, spec: Expect, method: str, persona: str, scope: str | None) -> set[int] | str:
    answers = {"GET": spec.get, "POST": spec.post, "PATCH": spec.patch}[method]
    if method != "GET" and persona == "auditor" and name not in READ_ONLY_POSTS:
        return {403}  # auditors write nothing, whatever the URL (core.middleware.ReadOnlyRoleMiddleware)
    if answers is None:
        return {405}
    if scope in SCOPES and scope not in SEES[persona]:
        return {404}
    if scope == "own" and persona != "ca_officer":
        return {404}  # someone else's notification
    if not allowed(answers, persona, scope):
        return {403}
    return set(spec.get_ok) if method == "GET" else "acted"


def _ask(browser, method, url, spec):
    if method == "GET":
        return browser.get(url)
    if method == "PATCH":
        return browser.patch(url, "{}", content_type="application/json")
    return browser.post(url, "{}", content_type="application/json") if spec.api else browser.post(url, {})


READ_ONLY_POSTS = {"api:charging-calculate", "api:debt-recovery-late-payment-interest"}  # a POST that writes nothing: auditors may use it

# The sections of the service navigation: every other page shows breadcrumbs back up to one of these.
TOP_LEVEL = {"my-work", "people:client-search", "people:contact-list", "people:caseloads", "people:notifications",
             "ledger:overview", "charging:assessments", "administration:users", "audit:history"}
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page_problems(name: str, response) -> list[str]:
    """A page's title is plain text, and a page below the top level has breadcrumbs."""
    if not response.get("Content-Type", "").startswith("text/html") or response.status_code != 200:
        return []
    html = response.content.decode()
    problems = []
    title = TITLE.search(html)
    if title is None or not title.group(1).strip() or "<" in title.group(1):
        problems.append(f"{name}: the browser title is not plain text: {title.group(1) if title else None!r}")
    if name not in TOP_LEVEL and 'class="govuk-breadcrumbs' not in html:
        problems.append(f"{name}: no breadcrumbs")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECT))
def test_who_may_use_each_url(world, name):
    spec = EXPECT[name]
    methods = ["GET", "POST"] + (["PATCH"] if spec.api and spec.arg else [])
    scopes = spec.scopes or (None,)
    failures = []
    signed_out = BrowserClient()
    for scope in scopes:
        url = _url(name, spec, world, scope)
        for method in methods:
            answer = _ask(signed_out, method, url, spec).status_code
            if spec.api and answer not in {401, 403}:
                failures.append(f"signed out {method} {url}: {answer}, not 401/403")
            if not spec.api and answer != 302:
                failures.append(f"signed out {method} {url}: {answer}, not sent to sign in")
    for persona in PERSONAS:
        browser = BrowserClient()
        browser.force_login(world.users[persona])
        for scope in scopes:
            url = _url(name, spec, world, scope)
            for method in methods:
                want = expected(name, spec, method, persona, scope)
                response = _ask(browser, method, url, spec)
                answer = response.status_code
                if want == "acted":
                    ok = answer not in REFUSED | {405} and answer < 500
                else:
                    ok = answer in want
                if method == "GET" and not spec.api:
                    failures += page_problems(name, response)
                if not ok:
                    failures.append(f"{persona} {method} {url} ({scope or '-'}): {answer}, expected {want}")
    assert not failures, "\n".join(dict.fromkeys(failures))
