"""Reads of sales, narrowed to the clients the user may see."""

from __future__ import annotations

from django.http import Http404

from properties.repairs.selectors import homes_visible_to, in_scope
from properties.sale.choices import IN_PROGRESS
from properties.sale.models import Sale, SaleOffer


def sales_visible_to(*, user):
    return Sale.objects.filter(home__in=homes_visible_to(user=user)).select_related("home__client")


def access_sale(*, user, pk) -> Sale:
    sale = sales_visible_to(user=user).filter(pk=pk).prefetch_related("offers").first()
    if sale is None:
        raise Http404("No sale found.")
    return sale


def access_offer(*, user, pk) -> SaleOffer:
    offer = (SaleOffer.objects.filter(sale__home__in=homes_visible_to(user=user))
             .select_related("sale__home__client").filter(pk=pk).first())
    if offer is None:
        raise Http404("No offer found.")
    return offer


def sales_in_progress(*, user, scope=None):
    return in_scope(sales_visible_to(user=user).filter(status__in=IN_PROGRESS), scope, "home__client")


def deferred_payment_agreements(*, home):
    from deferred_payments.selectors import agreements_secured_on

    return agreements_secured_on(home=home)
