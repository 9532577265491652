"""The register's pages: the property list (with its flags), one property's page, its timeline, and
the forms that add joint owners, occupancy changes, keys and valuations."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from core.exceptions import ApplicationError
from core.rules import can, rule_required
from people.choices import Service
from people.views import show_service_errors
from properties.register import selectors, services
from properties.register.forms import JointOwnerForm, KeysForm, KeysReturnedForm, OccupancyForm, ValuationForm
from properties.register.models import KeyHolding
from properties.timeline import property_timeline


def property_in_url(request, pk, **kwargs):
    return selectors.access_property(user=request.user, pk=pk)


def keys_in_url(request, pk, **kwargs):
    keys = get_object_or_404(KeyHolding, pk=pk)
    selectors.access_property(user=request.user, pk=keys.home_id)
    return keys


def form_page(request, *, form, heading: str, done: str, save, home, button: str = "Save", intro: str = "",
              template: str = "properties/form_page.html", extra: dict | None = None):
    """A form page: on a valid POST, ``save(cleaned_data)`` (one service call), then back to the property."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("properties:property-detail", pk=home.pk)
    return render(request, template, {"form": form, "heading": heading, "home": home, "client": home.client,
                                      "button": button, "intro": intro, **(extra or {})})


def _posted(request):
    return request.POST if request.method == "POST" else None


FLAGS = {
    "uninsured": "Uninsured homes",
    "no-unoccupied-cover": "Empty homes without unoccupied cover",
    "inspection-overdue": "Empty-home inspections overdue",
    "certificates": "Certificates expiring",
}


@require_safe
@rule_required("properties.view_any")
def property_list(request):
    from properties.inspections.selectors import inspections_overdue
    from properties.insurance.selectors import empty_without_unoccupied_cover, uninsured
    from properties.lettings.selectors import certificates_expiring

    homes = selectors.properties_visible_to(user=request.user)
    officer = request.GET.get("officer")
    if officer == "none":
        homes = homes.filter(client__in=selectors.current_allocations().filter(
            officer__isnull=True, team__service=Service.PROPERTY).values("client"))
    elif officer and officer.isdigit():
        homes = homes.filter(client__in=selectors.current_allocations().filter(officer_id=int(officer)).values("client"))
    flag = request.GET.get("flag", "")
    if flag == "uninsured":
        homes = uninsured(homes)
    elif flag == "no-unoccupied-cover":
        homes = empty_without_unoccupied_cover(homes)
    elif flag == "inspection-overdue":
        homes = homes.filter(pk__in=[each.home.pk for each in inspections_overdue(homes)])
    elif flag == "certificates":
        homes = homes.filter(pk__in=certificates_expiring(homes).values("home_id"))
    rows = [{"home": home, "flags": selectors.property_flags(home=home)} for home in homes.order_by("postcode", "id")[:200]]
    return render(request, "properties/register/list.html", {"rows": rows, "flag": FLAGS.get(flag, ""),
                                                             "flags": FLAGS})


@require_safe
@rule_required("properties.view_client", obj=property_in_url)
def property_detail(request, pk):
    from properties.inspections.selectors import inspection_schedule
    from properties.insurance.selectors import live_policy
    from properties.lettings.selectors import current_certificate, live_tenancy, rent_account
    from properties.lettings.choices import CertificateKind

    home = request.rule_object
    tenancy = live_tenancy(home=home)
    return render(request, "properties/register/detail.html", {
        "home": home, "client": home.client, "flags": selectors.property_flags(home=home),
        "joint_owners": home.joint_owners.all(), "occupancy_changes": home.occupancy_changes.order_by("-since", "-id"),
        "keys": home.keys.all(), "valuations": home.valuations.all(),
        "agreements": selectors.secured_agreements(home=home), "authority": selectors.authority_to_sell(home=home),
        "policy": live_policy(home=home), "policies": home.insurance_policies.all(),
        "schedule": inspection_schedule(home=home),
        "inspections": home.inspections.prefetch_related("photos", "actions__task")[:20],
        "certificates": [(kind.label, current_certificate(home=home, kind=kind)) for kind in CertificateKind],
        "all_certificates": home.certificates.all(), "tenancy": tenancy,
        "rent": rent_account(tenancy=tenancy) if tenancy else None, "tenancies": home.tenancies.all(),
        "may_work": can(request.user, "properties.work_client", home.client)})


@require_safe
@rule_required("properties.view_client", obj=property_in_url)
def property_timeline_page(request, pk):
    home = request.rule_object
    return render(request, "properties/register/timeline.html", {
        "home": home, "client": home.client, "events": list(reversed(property_timeline(home=home)))})


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def joint_owner_add(request, pk):
    home = request.rule_object
    return form_page(request, form=JointOwnerForm(_posted(request)), heading="Add a joint owner", home=home,
                     done="Joint owner added",
                     intro=f"The client owns {home.client_share}%; the shares together cannot be more than 100%.",
                     save=lambda data: services.joint_owner_add(acting_user=request.user, home=home, **data))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def occupancy_change(request, pk):
    home = request.rule_object
    return form_page(request, form=OccupancyForm(_posted(request), initial={"occupancy": home.occupancy}),
                     heading="Change who lives there", home=home, done="Occupancy changed",
                     save=lambda data: services.occupancy_change(acting_user=request.user, home=home, **data))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def keys_add(request, pk):
    home = request.rule_object
    return form_page(request, form=KeysForm(_posted(request)), heading="Record keys held", home=home,
                     done="Keys recorded",
                     save=lambda data: services.keys_record(acting_user=request.user, home=home, **data))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=keys_in_url)
def keys_returned(request, pk):
    keys = request.rule_object
    return form_page(request, form=KeysReturnedForm(_posted(request)), heading=f"Keys returned by {keys.held_by}",
                     home=keys.home, done="Keys returned",
                     save=lambda data: services.keys_return(acting_user=request.user, keys=keys, **data))


@require_http_methods(["GET", "POST"])
@rule_required("properties.work_client", obj=property_in_url)
def valuation_add(request, pk):
    home = request.rule_object
    return form_page(request, form=ValuationForm(_posted(request)), heading="Record a valuation", home=home,
                     done="Valuation recorded",
                     save=lambda data: services.valuation_record(acting_user=request.user, home=home, **data))
