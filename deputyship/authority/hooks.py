"""What the authority part adds to the shared screens: the client's Deputyship tab, the "Legal authority" row
of the summary, and the breadcrumbs of the authority's pages."""

from __future__ import annotations

from django.urls import reverse

from core.registry import Breadcrumbs, ClientSection, Crumb, SummaryRow, registry
from people.hooks import CLIENT, CLIENTS, HOME
from people.rules import client_of


def _deputyship_crumb(request):
    client = client_of(getattr(request, "rule_object", None))
    return ("Deputyship", reverse("deputyship:client-deputyship", args=[client.pk])) if client else None


DEPUTYSHIP = Crumb(build=_deputyship_crumb)
ON_CLIENT = (HOME, CLIENTS, CLIENT)
IN_DEPUTYSHIP = (HOME, CLIENTS, CLIENT, DEPUTYSHIP)


def legal_authority_row(*, client, user) -> dict:
    from deputyship.authority.services import authority_in_force

    authority = authority_in_force(client=client)
    return {"authority": authority,
            "bond": authority.bonds.filter(ended_on__isnull=True).first() if authority is not None else None}


def register() -> None:
    registry.add_client_section(ClientSection("deputyship", "Deputyship", "deputyship:client-deputyship",
                                              "deputyship.view_client", order=25))
    registry.add_summary_row(SummaryRow("legal-authority", "Legal authority", "deputyship.view_client",
                                        "deputyship/authority/_summary_authority.html", legal_authority_row, order=25))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:client-deputyship",), ON_CLIENT))
    registry.add_breadcrumbs(Breadcrumbs(("deputyship:authority-add", "deputyship:authority-check",
                                          "deputyship:authority-end", "deputyship:court-permission-add",
                                          "deputyship:bond-add"), IN_DEPUTYSHIP))
