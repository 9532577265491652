"""``{% client_tabs client as tabs %}``: the tabs of the client's page (:class:`core.registry.ClientSection`)
that the signed-in user may open, the current one marked. Used by ``people/client_base.html``, which
every tab's page extends, whichever app draws it."""

from __future__ import annotations

from django import template

from people.sections import client_tabs as tabs_for

register = template.Library()


@register.simple_tag(takes_context=True)
def client_tabs(context, client) -> list[dict]:
    request = context["request"]
    return tabs_for(user=request.user, client=client, current=getattr(request.resolver_match, "view_name", ""))
