"""On appointment: tell the client's organisations of the authority in one go, record their replies, and the
client's accounts to close or consolidate."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.exceptions import ApplicationError
from core.rules import rule_required
from deputyship.appointment import services
from deputyship.appointment.forms import AccountCloseForm, AccountForm, NotificationUpdateForm
from deputyship.appointment.models import AccountClosure, OrderNotification
from deputyship.authority.views import authority_in_url, form_page, posted, tab_url
from people.selectors import clients_visible_to


def notification_in_url(request, pk, **kwargs):
    try:
        return OrderNotification.objects.select_related("client", "contact").get(
            pk=pk, client__in=clients_visible_to(user=request.user))
    except (OrderNotification.DoesNotExist, ValueError, TypeError):
        raise Http404("No such letter") from None


def account_in_url(request, pk, **kwargs):
    try:
        return AccountClosure.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=request.user))
    except (AccountClosure.DoesNotExist, ValueError, TypeError):
        raise Http404("No such account") from None


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def order_notify(request, pk):
    authority = request.rule_object
    if request.method == "POST":
        try:
            sent = services.order_notifications_send(acting_user=request.user, authority=authority)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect("deputyship:order-notify", pk=authority.pk)
        messages.success(request, f"{len(sent)} letters sent, one to each organisation")
        return redirect(tab_url(authority.client))
    return render(request, "deputyship/appointment/notify.html", {
        "authority": authority, "client": authority.client,
        "links": services.organisations_to_notify(authority=authority)})


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=notification_in_url)
def notification_update(request, pk):
    notification = request.rule_object
    return form_page(request, form=NotificationUpdateForm(posted(request)), client=notification.client,
                     action=lambda d: services.order_notification_update(acting_user=request.user,
                                                                         notification=notification, **d),
                     done="Reply recorded", next_url=tab_url(notification.client),
                     heading=f"Reply from {notification.contact.name}")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=authority_in_url)
def account_add(request, pk):
    authority = request.rule_object
    return form_page(request, form=AccountForm(posted(request)), client=authority.client,
                     action=lambda d: services.account_closure_add(acting_user=request.user, authority=authority, **d),
                     done="Account recorded", next_url=tab_url(authority.client),
                     heading="An account to close or consolidate")


@require_http_methods(["GET", "POST"])
@rule_required("deputyship.work_client", obj=account_in_url)
def account_close(request, pk):
    account = request.rule_object
    return form_page(request, form=AccountCloseForm(posted(request)), client=account.client,
                     action=lambda d: services.account_closure_close(acting_user=request.user, account=account, **d),
                     done="Account closed", next_url=tab_url(account.client), heading=f"Close {account}")
