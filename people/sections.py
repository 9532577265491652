"""The client's page: a summary and the tabs the apps register (:class:`core.registry.ClientSection`).

The page is a sub-navigation of tabs, each at its own URL. ``people`` draws its own tabs (Contacts,
Tasks, Notes) and any other app's tab that gives a template and a selector (Letters, History); an app
whose tab is a page of its own (Money, Charging) renders a template that extends
``people/client_base.html``. Either way the tabs shown are those whose rule the user passes for the
client, and a tab's page refuses everyone else with a 403. ``people`` never names the apps: it draws
what is registered.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from core.registry import ClientSection, registry
from core.rules import can
from people import selectors

SUMMARY = "summary"


def client_tabs(*, user, client, current: str = "") -> list[dict]:
    """The tabs this user may open for the client, in order, each with its URL; ``current`` (a view
    name, ``"ledger:client-money"``) marks the one being shown."""
    return [{"key": section.key, "title": section.title, "url": reverse(section.url_name, args=[client.pk]),
             "current": section.url_name == current}
            for section in registry.client_sections if can(user, section.rule, client)]


def summary_rows(*, user, client) -> list[dict]:
    """The summary's rows the apps add (money held, the charge in force...), rendered, for this user."""
    rows = []
    for row in registry.summary_rows:
        if can(user, row.rule, client):
            html = render_to_string(row.template, {**row.context(client=client, user=user), "client": client})
            rows.append({"key": row.key, "label": row.label, "html": html})
    return rows


# --- people's own tabs --------------------------------------------------------------------------------

def contacts_context(*, client, user) -> dict:
    return {"contact_links": selectors.client_contacts(client=client)}


def tasks_context(*, client, user) -> dict:
    tasks = list(selectors.client_tasks(client=client))
    return {"open_tasks": sorted((t for t in tasks if not t.is_closed), key=lambda t: (t.due_date, t.pk)),
            "closed_tasks": [t for t in tasks if t.is_closed], "today": selectors.today()}


def notes_context(*, client, user) -> dict:
    return {"notes": selectors.client_notes(client=client)}


SECTIONS = (
    ClientSection(SUMMARY, "Summary", "people:client-detail", "people.view_client", order=0),
    ClientSection("contacts", "Contacts", "people:client-contacts", "people.view_client", order=40,
                  template="people/sections/contacts.html", context=contacts_context),
    ClientSection("tasks", "Tasks", "people:client-tasks", "people.view_client", order=50,
                  template="people/sections/tasks.html", context=tasks_context),
    ClientSection("notes", "Notes", "people:client-notes", "people.view_client", order=60,
                  template="people/sections/notes.html", context=notes_context),
)


def register() -> None:
    for section in SECTIONS:
        registry.add_client_section(section)

