"""``{% can "ledger.record_client_money" client as may_record %}``: ask :mod:`core.rules` in a
template before showing a link or a button, so nobody is shown what they may not open."""

from django import template

from core import rules

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, name: str, obj=None) -> bool:
    request = context.get("request")
    return rules.can(getattr(request, "user", None), name, obj)
