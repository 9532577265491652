"""Property insurance pages: recording a policy."""

from __future__ import annotations

from django.views.decorators.http import require_http_methods

from core.rules import rule_required
from properties.insurance import services
from properties.insurance.forms import PolicyForm
from properties.register.views import _posted, form_page, property_in_url


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def policy_add(request, pk):
    home = request.rule_object
    return form_page(request, form=PolicyForm(_posted(request)), heading="Record an insurance policy", home=home,
                     done="Insurance policy recorded",
                     save=lambda data: services.policy_record(acting_user=request.user, home=home, **data))
