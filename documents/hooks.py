"""What documents adds to the shared screens (:mod:`core.registry`): the Letters tab of the client's
page (the letters made for the client, and the button that asks for a contact details letter)."""

from __future__ import annotations

from core.registry import Breadcrumbs, ClientSection, registry
from people.hooks import CLIENT, CLIENTS, HOME


def letters_context(*, client, user) -> dict:
    from documents.selectors import documents_for_client

    return {"documents": documents_for_client(client=client)}


def register() -> None:
    registry.add_client_section(ClientSection(
        "letters", "Letters", "documents:client-letters", "people.view_client", order=70,
        template="documents/_client_documents.html", context=letters_context))
    registry.add_breadcrumbs(Breadcrumbs(("documents:client-letters",), (HOME, CLIENTS, CLIENT)))
