"""Template filters for charging pages: money and weekly amounts formatted as the letters show them
(``charging.presentation``)."""

from __future__ import annotations

from django import template

from charging import presentation

register = template.Library()


@register.filter
def money(value) -> str:
    """``{{ amount|money }}`` -> "£1,234.56" (a deduction "-£30.15")."""
    return presentation.money(value)


@register.filter
def weekly(value) -> str:
    """``{{ amount|weekly }}`` -> "£143.85 a week"."""
    return presentation.weekly(value)
