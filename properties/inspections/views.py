"""Inspection pages: recording a visit to an empty home."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from core.rules import rule_required
from properties.inspections import services
from properties.inspections.forms import InspectionForm
from properties.register.views import form_page, property_in_url


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def inspection_add(request, pk):
    home = request.rule_object
    form = InspectionForm(request.POST or None, request.FILES or None, user=request.user) \
        if request.method == "POST" else InspectionForm(user=request.user)

    def save(data):
        actions = [(data["action"], data["action_owner"], data["action_due"])] if data.get("action") else []
        services.inspection_record(acting_user=request.user, home=home, visited_on=data["visited_on"],
                                   inspector=data["inspector"], condition=data["condition"],
                                   findings=data["findings"], photos=data["photos"], actions=actions)

    return form_page(request, form=form, heading="Record an inspection", home=home, done="Inspection recorded",
                     save=save)
