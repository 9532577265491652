"""What the audit app adds to the shared screens (:mod:`core.registry`): the Audit history section,
and the History tab of the client's page (every change to the client's record, newest first)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist

from core.registry import Breadcrumbs, ClientSection, Crumb, MenuItem, registry
from people.hooks import CLIENT, CLIENTS, HOME

HISTORY = Crumb("Audit history", "audit:history")
HISTORY_ON_CLIENT_PAGE = 100
HISTORY_ACTIONS = {"+": "added", "~": "changed", "-": "removed"}


def history_entries(rows: list) -> list[dict]:
    """``people.selectors.client_history`` rows in the words the history table shows."""
    entries = []
    for item in rows:
        row = item["row"]
        model = row.instance_type
        fields = []
        for name in item["changes"]:
            try:
                fields.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                fields.append(name.replace("_", " "))
        entries.append({
            "date": row.history_date,
            "who": row.history_user_name or (row.history_user.get_username() if row.history_user else "Unknown"),
            "what": f"{item['label']} {HISTORY_ACTIONS.get(row.history_type, row.history_type)}",
            "symbol": row.history_type,
            "fields": fields,
            "reason": row.history_change_reason or "",
            "request_id": row.request_id,
        })
    return entries


def client_history_context(*, client, user) -> dict:
    from people.selectors import client_history

    return {"history": history_entries(client_history(client=client, limit=HISTORY_ON_CLIENT_PAGE)),
            "history_limit": HISTORY_ON_CLIENT_PAGE}


def register() -> None:
    registry.add_menu_item(MenuItem("Audit history", "audit:history", "audit.read_history", order=90,
                                    prefixes=("/audit/",)))
    registry.add_client_section(ClientSection(
        "history", "History", "audit:client-history", "people.view_client", order=80,
        template="audit/client_history.html", context=client_history_context))
    registry.add_breadcrumbs(Breadcrumbs(("audit:record-access",), (HOME, HISTORY)))
    registry.add_breadcrumbs(Breadcrumbs(("audit:client-history",), (HOME, CLIENTS, CLIENT)))
