"""Writing inspections of empty homes: a visit with its photographs and actions, and the daily
escalation of inspections that fall due or go overdue."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.history import save_attributed
from core.rules import require
from properties.inspections.choices import Condition, EscalationLevel
from properties.inspections.models import InspectionAction, InspectionEscalation, InspectionPhoto, InspectionVisit
from properties.inspections.selectors import grace_days, inspection_schedules
from properties.register.models import Property
from properties.register.selectors import property_team_people
from properties.register.services import PropertyError


def _invalid(field: str, message: str) -> PropertyError:
    return PropertyError(message, extra={field: [message]})


def inspection_record(*, acting_user, home, visited_on: dt.date, inspector: str, condition: str, findings: str = "",
                      photos: list | tuple = (), actions: list | tuple = (),
                      reason: str = "Inspection recorded") -> InspectionVisit:
    """Record a visit to a property: the date (not in the future), the inspector, the condition found,
    photographs (PDF, JPEG or PNG, each stored as a document of the client's) and the actions that
    came of it, each ``(what, owner, due_date)`` given to its owner as a task. All or nothing."""
    from documents.choices import DocumentKind
    from documents.services import document_upload, document_upload_discard
    from people.services import task_create

    require(acting_user, "properties.work_client", home.client)
    if visited_on is None:
        raise _invalid("visited_on", "Enter the date of the visit.")
    if visited_on > timezone.localdate():
        raise _invalid("visited_on", "The date of the visit cannot be in the future.")
    inspector = (inspector or "").strip()
    if not inspector:
        raise _invalid("inspector", "Say who inspected the property.")
    if condition not in Condition.values:
        raise _invalid("condition", "Choose the condition the property was in.")
    stored = []
    try:
        with transaction.atomic():
            visit = InspectionVisit(home=home, visited_on=visited_on, inspector=inspector[:200], condition=condition,
                                    findings=(findings or "").strip(), recorded_by=acting_user)
            save_attributed(visit, user=acting_user, reason=reason)
            for number, photo in enumerate(photos, start=1):
                document = document_upload(acting_user=acting_user, client=home.client, kind=DocumentKind.EVIDENCE,
                                           title=f"Inspection photo {number}: {home.address_line_1}, "
                                                 f"{visited_on:%d %B %Y}", upload=photo,
                                           reason="Photograph taken at an inspection")
                stored.append(document)
                save_attributed(InspectionPhoto(visit=visit, document=document), user=acting_user, reason=reason)
            for what, owner, due_date in actions:
                what = (what or "").strip()
                if not what:
                    continue
                task = task_create(acting_user=acting_user, assigned_to=owner, client=home.client, subject=visit,
                                   due_date=due_date, title=f"{what[:150]} ({home.address_line_1})",
                                   details=f"From the inspection of {visited_on:%d %B %Y} by {inspector}.")
                save_attributed(InspectionAction(visit=visit, action=what[:500], task=task), user=acting_user,
                                reason=reason)
    except BaseException:
        for document in stored:
            document_upload_discard(document)
        raise
    return visit


def inspection_escalations_create(*, on: dt.date) -> dict[str, int]:
    """For each empty property: a task for its officer when its inspection falls due, and one for the
    team leader once it is overdue beyond the grace period; each once per property and due date."""
    from people.services import task_create

    made = {EscalationLevel.DUE.value: 0, EscalationLevel.OVERDUE.value: 0}
    for schedule in inspection_schedules(Property.objects.all(), on=on):
        home = schedule.home
        levels = []
        if schedule.due_on <= on:
            levels.append(EscalationLevel.DUE)
        if (on - schedule.due_on).days > grace_days():
            levels.append(EscalationLevel.OVERDUE)
        for level in levels:
            if InspectionEscalation.objects.filter(home=home, due_on=schedule.due_on, level=level).exists():
                continue
            officer, leader = property_team_people(client=home.client)
            person = officer if level == EscalationLevel.DUE else leader
            if person is None:
                continue
            title = (f"Inspect {home.address_line_1}, {home.postcode} (empty; due {schedule.due_on:%d %B %Y})"
                     if level == EscalationLevel.DUE else
                     f"Overdue inspection: {home.address_line_1}, {home.postcode} was due {schedule.due_on:%d %B %Y}")
            with transaction.atomic():
                task = task_create(acting_user=person, assigned_to=person, client=home.client, subject=home,
                                   due_date=max(on, schedule.due_on), title=title,
                                   details=f"Every {schedule.every_days} days: {schedule.source}.")
                save_attributed(InspectionEscalation(home=home, due_on=schedule.due_on, level=level, task=task),
                                user=person, reason="Inspection escalated")
            made[level.value] += 1
    return made
