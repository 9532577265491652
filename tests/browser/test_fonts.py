"""Every word on the money pages is set in GOV.UK Frontend's font stack, headline figures included:
checked in Chromium on what each element is actually drawn with, not on the stylesheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ledger import client_money

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOVUK_FONT = '"GDS Transport", arial, sans-serif'

# Every element that draws text of its own, with the font it is drawn in.
FONTS = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.offsetParent !== null
          && [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
  .map(el => ({text: el.textContent.trim().slice(0, 40), font: getComputedStyle(el).fontFamily,
               classes: el.className}))"""


@pytest.fixture
def money(officer, peggy):
    client_money.client_receipt_record(
        acting_user=officer, client=peggy, amount=Decimal("1234.56"), effective_date=dt.date.today(),
        category="state_pension", memo="State Pension, 4 weeks", idempotency_key="fonts:1")
    return peggy


@pytest.mark.parametrize("path", ["/clients/{pk}/money/", "/money/", "/money/pooled-account/"],
                         ids=["client-money", "overview", "pooled-account"])
def test_every_word_on_the_money_pages_is_in_the_govuk_font(page, live_server, sign_in, officer, money, path):
    sign_in(page, officer)
    page.goto(live_server.url + path.format(pk=money.pk))
    drawn = page.evaluate(FONTS)
    assert any("£1,234.56" in item["text"] for item in drawn)
    wrong = [item for item in drawn if item["font"] != GOVUK_FONT and "app-history-symbol" not in item["classes"]]
    assert not wrong, wrong


def test_a_headline_figure_is_bold_36px_in_the_govuk_font(page, live_server, sign_in, officer, money):
    sign_in(page, officer)
    page.goto(f"{live_server.url}/clients/{money.pk}/money/")
    style = page.get_by_test_id("balance").evaluate(
        "el => { const s = getComputedStyle(el); return [s.fontFamily, s.fontWeight, s.fontSize]; }")
    assert style[0] == GOVUK_FONT
    assert style[1] == "700"
    assert style[2] in ("36px", "27px")  # GOV.UK's 36 on wide screens, 27 on narrow ones
