"""``{% if line|payee_modulus_unchecked %}``: a payee's well-formed sort code that Pay.UK's modulus table does
not cover, so its account number could not be checked (:func:`ledger.statements.bank_details.
modulus_unchecked`); the pages say so next to the details."""

from django import template

from ledger.statements.bank_details import MODULUS_UNCHECKED, modulus_unchecked

register = template.Library()


@register.filter
def payee_modulus_unchecked(thing) -> bool:
    """For anything with ``payee_sort_code`` and ``payee_account_number`` (a scheduled payment, a payment
    request, a payment run's line)."""
    return modulus_unchecked(getattr(thing, "payee_sort_code", "") or "",
                             getattr(thing, "payee_account_number", "") or "")


@register.simple_tag
def modulus_unchecked_text() -> str:
    return MODULUS_UNCHECKED
