"""Who may ask for and read letters (see :mod:`core.rules`): anyone who may see the client reads its
letters (a document about no one client: whoever asked for it, and those who read everything); an
officer whose team holds the client asks for one, or uploads a file about them (the page that takes
the file has its own rule too, such as ``charging.work_client`` for evidence)."""

from __future__ import annotations

from rules import predicate

from core.rules import define
from people.rules import holds_any, reads_everything, sees_client


@predicate
def asked_for_it(user, document):
    return document is not None and document.client_id is None and document.requested_by_id == user.pk


def register() -> None:
    define("documents.view_document", sees_client | asked_for_it | reads_everything,
           "You cannot see this client's letters.")
    define("documents.request_letter", holds_any,
           "Only an officer whose team holds this client's case can ask for a letter.")
    define("documents.upload_document", holds_any,
           "Only an officer whose team holds this client's case can upload a file about them.")
