"""The council's charging policy pages: every version by the day it took effect, the policy document it
comes from and its history; charging team leaders and administrators add a new version
(``charging.manage_policy``; the service checks again)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from charging.policy import selectors, services
from charging.policy.forms import PolicyAddForm
from charging.policy.models import CouncilPolicyVersion
from core.exceptions import ApplicationError, PermissionDeniedError
from core.rules import can, rule_required
from people.selectors import today
from people.views import show_service_errors


@require_safe
@rule_required("charging.view_policy")
def policy_list(request):
    day = today()
    return render(request, "charging/policy_list.html", {
        "versions": selectors.policy_versions(), "in_force": selectors.policy_version_in_force(day),
        "today": day, "may_add": can(request.user, "charging.manage_policy"),
        "history": CouncilPolicyVersion.history.select_related("history_user").order_by("-history_date")[:50],
    })


@require_http_methods(["GET", "POST"])
@rule_required("charging.manage_policy")
def policy_add(request):
    form = PolicyAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.policy_add(acting_user=request.user, **form.service_arguments())
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from None
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, f"Charging policy from {version.effective_from.day} "
                                      f"{version.effective_from:%B %Y} added")
            return redirect("charging:policy")
    return render(request, "charging/policy_form.html", {"form": form})
