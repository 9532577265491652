"""The life events part of the demo: a client moving into care with the checklist part done, and a
register of cherished documents, an investment and a benefit check."""

from __future__ import annotations

import datetime as dt


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.lifeevents.choices import BenefitOutcome, DocumentKind, InvestmentKind, LifeEventKind
    from deputyship.lifeevents.models import BenefitCheck, CherishedDocument, Investment, LifeEvent
    from deputyship.lifeevents.services import (
        benefit_check_record, cherished_document_record, cherished_document_return, investment_record,
        life_event_record,
    )
    from people.demo import NORTH, clients_of
    from people.services import task_complete

    made = {"life_events": 0, "cherished_documents": 0, "investments": 0, "benefit_checks": 0}
    olivia = run.made["users"]["olivia"]
    clients = {person.last_name: client for client, person, _ in clients_of(run, NORTH)}
    moving = clients["Ashworth"]
    if not LifeEvent.objects.filter(client=moving).exists():
        event = life_event_record(acting_user=olivia, client=moving, kind=LifeEventKind.MOVING_INTO_CARE,
                                  happened_on=run.on - dt.timedelta(days=3),
                                  note="Moved to Oakwood Care Home after a hospital stay.")
        for item in event.checklist.filter(item__in=["benefits", "post"]).select_related("task"):
            task_complete(acting_user=olivia, task=item.task, outcome="Done")
        made["life_events"] += 1
    peggy = clients["Thornton"]
    if not CherishedDocument.objects.filter(client=peggy).exists():
        for kind, description, location, days in (
                (DocumentKind.COURT_ORDER, "Deputyship order (sealed copy)", "Client affairs safe, drawer 1", 400),
                (DocumentKind.WILL, "Will dated 3 March 2009", "Harrow & Finch Solicitors", 380),
                (DocumentKind.DEEDS, "Title deeds to 14 Mill Lane", "Client affairs safe, drawer 2", 380)):
            cherished_document_record(acting_user=olivia, client=peggy, kind=kind, description=description,
                                      location=location, received_on=run.on - dt.timedelta(days=days))
            made["cherished_documents"] += 1
        passport = cherished_document_record(
            acting_user=olivia, client=peggy, kind=DocumentKind.PASSPORT, description="UK passport (expired)",
            location="Client affairs safe, drawer 1", received_on=run.on - dt.timedelta(days=370))
        cherished_document_return(acting_user=olivia, document=passport, returned_on=run.on - dt.timedelta(days=30),
                                  returned_to="HM Passport Office")
        made["cherished_documents"] += 1
    if not Investment.objects.filter(client=peggy).exists():
        investment_record(acting_user=olivia, client=peggy, kind=InvestmentKind.PREMIUM_BONDS, provider="NS&I",
                          value="4250.00", valued_on=run.on - dt.timedelta(days=340),
                          review_on=run.on + dt.timedelta(days=25))
        made["investments"] += 1
    if not BenefitCheck.objects.filter(client=peggy).exists():
        benefit_check_record(acting_user=olivia, client=peggy, checked_on=run.on - dt.timedelta(days=60),
                             benefit="Pension Credit", outcome=BenefitOutcome.AWARDED, weekly_gain="18.40")
        made["benefit_checks"] += 1
    return made

