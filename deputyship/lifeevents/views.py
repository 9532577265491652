"""The client affairs casework list: card top-ups due, estates awaiting a grant, life event tasks."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.rules import rule_required
from deputyship.lifeevents import selectors


@require_safe
@rule_required("deputyship.view_any")
def casework(request):
    return render(request, "deputyship/lifeevents/casework.html", {
        "topups": selectors.card_topups_due(user=request.user)[:200],
        "estates": selectors.estates_awaiting_grant(user=request.user)[:200],
        "tasks": selectors.life_event_tasks_open(user=request.user)[:200],
    })
