"""``{{ amount|pounds }}``: £1,234.56, and -£12.00 for a negative amount, as the charging pages and
letters write it (:func:`charging.assessments.presentation.money`)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(amount) -> str:
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    text = f"£{abs(amount):,.2f}"
    return f"-{text}" if amount < 0 else text


@register.filter
def absolute(amount):
    """The amount without its sign, for a "money out" column."""
    return abs(Decimal(amount)) if amount not in (None, "") else amount
