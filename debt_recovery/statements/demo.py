"""The statement run's part of ``manage.py seed_demo``: a completed run for the charging period that
ended last before the demo's day, over the demo debtors (whose charges and payments the debt recovery
step posted), made by the debt recovery team leader. Keyed on the period: a second seed adds nothing.
Run here, in the seed's process, so the demo has its statements and print file without a worker.

A representative whose account says their letters go to them needs an address: the officer records
the one the family gave, as an officer would before the statements go out."""

from __future__ import annotations

from debt_recovery.accounts.choices import LettersTo
from debt_recovery.accounts.models import DebtorAccount
from debt_recovery.statements import services
from debt_recovery.statements.models import StatementRun

STREETS = ("Hollin Lane", "Moorside Road", "Chapel Street", "Green Park Avenue", "Station Road")


def _addresses_for_letters(officer) -> None:
    from people.demo import demo_postcode
    from people.services import contact_update

    for index, debtor in enumerate(DebtorAccount.objects.filter(letters_to=LettersTo.CONTACT, contact__isnull=False)
                                   .select_related("contact__contact").order_by("reference")):
        contact = debtor.contact.contact
        if not contact.address.strip():
            contact_update(acting_user=officer, contact=contact,
                           address=f"{12 + index * 7} {STREETS[index % len(STREETS)]}\nAnytown\n"
                                   f"{demo_postcode(100 + index)}",
                           reason="Address given by the family, for the debt's letters")


def seed_demo_step(run) -> dict[str, int]:
    period = services.last_ended_period(on=run.on)
    if StatementRun.objects.filter(period=period.label).exists():
        return {"statement_runs": 0, "statements": 0}
    _addresses_for_letters(run.made["users"]["dev"])
    leader = run.made["users"].get("joan") or run.made["users"]["dev"]
    statement_run = services.statement_run_start(acting_user=leader, period=period, on=run.on)
    made = []
    services.statement_run_dispatch(
        run_id=statement_run.pk,
        send_chunk=lambda run_id, ids: made.extend(services.statements_make(run_id=run_id, debtor_ids=ids, on=run.on)),
        send_render=lambda run_id, ids: made.extend(ids))
    services.statements_render(run_id=statement_run.pk, statement_ids=made)
    return {"statement_runs": 1, "statements": len(made)}
