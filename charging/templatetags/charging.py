"""Template filters for charging pages: money and weekly amounts formatted as the letters show them
(``charging.assessments.presentation``)."""

from __future__ import annotations

from django import template

from charging.assessments import presentation

register = template.Library()


@register.filter
def money(value) -> str:
    """``{{ amount|money }}`` -> "£1,234.56" (a deduction "-£30.15")."""
    return presentation.money(value)


@register.filter
def weekly(value) -> str:
    """``{{ amount|weekly }}`` -> "£143.85 a week"."""
    return presentation.weekly(value)


@register.simple_tag
def charging_error_summary(forms, extra_errors=()):
    """The GOV.UK error summary for an assessment's main form and every row of its lists: a row's
    error says which row ("Income 2: Enter the weekly amount") and links to the box."""
    from govuk_frontend_django.components.error_summary import ErrorSummaryErrorlist, GovUKErrorSummary

    from core.templatetags.govuk import render_component

    items = [ErrorSummaryErrorlist(text=str(error)) for error in extra_errors]
    for form in forms:
        if not form.is_bound or not form.errors:
            continue
        prefix = f"{form.row_label}: " if getattr(form, "row_label", "") else ""
        for error in form.non_field_errors():
            items.append(ErrorSummaryErrorlist(text=f"{prefix}{error}"))
        for field in form:
            for error in field.errors:
                items.append(ErrorSummaryErrorlist(text=f"{prefix}{error}", href=f"#{field.auto_id}"))
    if not items:
        return ""
    return render_component(GovUKErrorSummary(titleText="There is a problem", errorList=items))


@register.simple_tag
def live_charges(client) -> list[dict]:
    """``{% live_charges client as charges %}``: the approved assessment in force for each setting."""
    from charging.assessments.views import live_charges as charges

    return charges(client)


@register.simple_tag
def assessment_state(assessment, on=None) -> dict:
    """``{% assessment_state assessment as state %}``: what the assessment is today, for its tag
    ("In force", "In force until 5 April 2027", "Approved, from 6 April 2027", "Superseded"...)."""
    from people.selectors import today

    label, colour = assessment.state(on or today())
    return {"label": label, "colour": colour}


@register.filter
def status_colour(status) -> str:
    from charging.assessments.views import STATUS_COLOURS

    return STATUS_COLOURS.get(status, "")


@register.filter
def rate_value(rate) -> str:
    """A rate's figure in its unit: "£31.80", "4.7500%", "13"."""
    from charging.rates.codes import GBP, PERCENT  # noqa: PLC0415

    if rate is None:
        return ""
    if rate.unit == GBP:
        return presentation.money(rate.amount)
    if rate.unit == PERCENT:
        return f"{rate.value.normalize():f}%"
    return f"{rate.value.normalize():f}"
