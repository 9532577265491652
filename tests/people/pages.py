"""Helpers for the people pages' tests: a world with one record of each kind on each team, row
counts that include the history tables, and ways to read a page's errors and controls."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from dataclasses import dataclass

import pytest

from people.models import Address, Allocation, Client, ClientContact, Contact, Note, Notification, Task
from tests.factories import ClientContactFactory, ContactFactory

AUDITED = [Client, Address, Allocation, Contact, ClientContact, Note, Task, Notification]


def row_counts() -> dict[str, tuple[int, int]]:
    """(rows, history rows) of every people table a page can write."""
    return {model.__name__: (model.objects.count(), model.history.count()) for model in AUDITED}


def date_parts(name: str, day: dt.date | None = None, *, d="", m="", y="") -> dict:
    if day is not None:
        d, m, y = day.day, day.month, day.year
    return {f"{name}_0": str(d), f"{name}_1": str(m), f"{name}_2": str(y)}


def error_summary(response) -> list[str]:
    """The messages in the GOV.UK error summary, in order."""
    html = response.content.decode()
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    if not summary:
        return []
    items = re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    return [html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip()) for item in items]


def field_error(response, field_id: str) -> str:
    """The text of the error message shown in a field's own slot ("" if none)."""
    html = response.content.decode()
    match = re.search(rf'<p id="{re.escape(field_id)}-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    if not match:
        return ""
    text = re.sub(r"<span[^>]*>.*?</span>", "", match.group(1), flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", text).strip())


def write_controls(response) -> list[str]:
    """Every control on the page that would change something: forms that POST (other than
    signing out) and links to pages that add, change or complete."""
    html = response.content.decode()
    controls = []
    for tag in re.findall(r"<form\b[^>]*>", html):
        action = re.search(r'action="([^"]*)"', tag)
        if re.search(r'method="post"', tag, re.I) and not (action and action.group(1).endswith("/sign-out/")):
            controls.append(f"form {action.group(1) if action else '(this page)'}")
    controls += re.findall(r'href="([^"]*/(?:add|edit|complete|read)/[^"]*)"', html)
    return controls


@dataclass
class World:
    north_client: Client
    charging_client: Client
    north_contact: Contact
    charging_contact: Contact
    north_task: Task
    charging_task: Task
    north_notification: Notification
    charging_notification: Notification


@pytest.fixture
def world(north_client, charging_client, officer, other_officer):
    north_contact = ContactFactory(name="Susan Thornton")
    ClientContactFactory(client=north_client, contact=north_contact, is_next_of_kin=True)
    charging_contact = ContactFactory(name="Harriet Pemberton")
    ClientContactFactory(client=charging_client, contact=charging_contact)
    soon = dt.date.today() + dt.timedelta(days=3)
    north_task = Task.objects.create(title="Renew home insurance", client=north_client, assigned_to=officer,
                                     created_by=officer, due_date=soon)
    charging_task = Task.objects.create(title="Send the assessment letter", client=charging_client,
                                        assigned_to=other_officer, created_by=other_officer, due_date=soon)
    return World(
        north_client=north_client,
        charging_client=charging_client,
        north_contact=north_contact,
        charging_contact=charging_contact,
        north_task=north_task,
        charging_task=charging_task,
        north_notification=Notification.objects.create(user=officer, key="n1", message="Overdue: Renew home insurance"),
        charging_notification=Notification.objects.create(user=other_officer, key="n2", message="Someone else's"),
    )
