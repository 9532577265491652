"""Who may do what in debt recovery (see :mod:`core.rules`).

Anyone who may see a client may read what they owe (client affairs pays the bills as deputy; the
charging team answers questions about the charges). The debt recovery team holding the client's case
opens and changes their debtor accounts. The aged-debt list is the debt recovery team's work list;
auditors and administrators may read it. The late payment interest calculator writes nothing, so
anyone with a role may use it.
"""

from __future__ import annotations

from core.rules import define
from people.choices import Service
from people.rules import holds, leads_in, reads_everything, sees_client, works_anywhere, works_in

DEBT = Service.DEBT_RECOVERY


def register() -> None:
    define("debt_recovery.view_client_debts", sees_client, "You cannot see this client's debts.")
    define("debt_recovery.work_client", holds(DEBT),
           "Only the debt recovery team that holds this client's case can change their debtor accounts.")
    define("debt_recovery.view_aged_debt", works_in(DEBT) | reads_everything,
           "The aged debt list is for the debt recovery team.")
    define("debt_recovery.work_any", works_in(DEBT), "Only the debt recovery team chases debts.")
    define("debt_recovery.lead", leads_in(DEBT), "Only debt recovery team leaders see the team's aged debt.")
    define("debt_recovery.calculate_interest", works_anywhere | reads_everything,
           "Sign in to use the late payment interest calculator.")
    # Each part of debt recovery's rules, all defined here, once.
    for part in (register_ladder, register_statements, register_payments, register_direct_debits,
                 register_bacs_reports, register_writeoffs, register_court, register_panel):
        part()


def register_ladder() -> None:
    """The recovery ladder and holds: the debt recovery team reads the ladder and places holds on the
    debts of the clients it holds (``work_client``); only its team leaders change the ladder's steps."""
    define("debt_recovery.view_ladder", works_in(DEBT) | reads_everything,
           "The recovery ladder is for the debt recovery team.")
    define("debt_recovery.configure_ladder", leads_in(DEBT), "Only debt recovery team leaders change the ladder.")


def register_writeoffs() -> None:
    """Write-offs: the team holding the client recommends and reinstates; anyone in debt recovery other
    than the recommender may decide (their authority for the amount is checked by the service);
    administrators keep the authority bands and delegations."""
    from rules import predicate

    from people.rules import is_administrator, sees_client

    @predicate
    def recommended_it(user, writeoff):
        return writeoff is not None and getattr(writeoff, "recommended_by_id", None) == user.pk

    define("debt_recovery.view_writeoffs", works_in(DEBT) | reads_everything,
           "Write-offs are for the debt recovery team.")
    define("debt_recovery.decide_writeoff", works_in(DEBT) & sees_client & ~recommended_it,
           "A write-off is decided by someone in debt recovery other than the person who recommended it.")
    define("debt_recovery.administer_writeoffs", is_administrator,
           "Only an administrator sets who may approve write-offs.")


def register_court() -> None:
    """County court, estates and the debt panel: the team holding the client prepares and records them
    (``work_client``); the debt recovery team and readers see the lists."""
    define("debt_recovery.view_recovery", works_in(DEBT) | reads_everything,
           "County court, estates and the debt panel are for the debt recovery team.")


def register_statements() -> None:
    """Four-weekly statements: the debt recovery team and readers see the runs; team leaders start them."""
    define("debt_recovery.view_statements", works_in(DEBT) | reads_everything,
           "The statement runs are for the debt recovery team.")
    define("debt_recovery.run_statements", leads_in(DEBT), "Only a debt recovery team leader starts a statement run.")


def register_panel() -> None:
    """The debt panel's decision is recorded by a leader of the debt recovery team holding the client."""
    from people.rules import leads_for

    define("debt_recovery.record_panel_decision", leads_for(DEBT),
           "Only a debt recovery team leader records the debt panel's decision.")


def register_payments() -> None:
    """Payments: the team leader chooses the allocation rule and approves refunds (never their own)."""
    define("debt_recovery.set_allocation_rule", leads_in(DEBT),
           "Only a debt recovery team leader can change how payments are allocated.")
    define("debt_recovery.approve_refund", leads_in(DEBT), "Only a debt recovery team leader can approve a refund.")
    define("debt_recovery.payment_suspense", works_in(DEBT),
           "Only the debt recovery team records and allocates unidentified payments.")


def register_bacs_reports() -> None:
    """Bacs reports: the debt recovery team imports them (each item is then checked against the cases the
    officer's team holds) and reads them and the monthly reconciliation; auditors read them too."""
    define("debt_recovery.import_bacs_reports", works_in(DEBT), "Only the debt recovery team imports Bacs reports.")
    define("debt_recovery.view_bacs_reports", works_in(DEBT) | reads_everything,
           "Bacs reports are for the debt recovery team.")


def register_direct_debits() -> None:
    """Direct debits: the team holding the client's case sets up and cancels mandates (``work_client``);
    the collection runs and their Bacs files are the debt recovery team's, readable by auditors."""
    define("debt_recovery.view_direct_debits", works_in(DEBT) | reads_everything,
           "Direct debit runs and Bacs files are for the debt recovery team.")
