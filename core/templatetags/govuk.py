"""Our one component layer: Django form fields and page furniture rendered as GOV.UK Design System
components through govuk-frontend-django's component classes (which render GOV.UK Frontend's own
Nunjucks-compatible macros). No component markup is written by hand in our templates.

- ``{% govuk_field form.name %}`` picks the component for the field's widget (input, textarea,
  select, radios, checkboxes, date input), puts the field's error into the component's error slot,
  and keeps the value the user typed.
- ``{% govuk_error_summary form %}`` lists every error, each linking to its field.
- ``{% govuk_button "Save" %}``, ``{% govuk_tag "Overdue" "red" %}`` and friends wrap the
  simpler components.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django import forms, template
from django.urls import reverse
from django.utils.safestring import mark_safe
from govuk_frontend_django.components.button import GovUKButton
from govuk_frontend_django.components.checkboxes import CheckboxesItems, GovUKCheckboxes
from govuk_frontend_django.components.date_input import DateInputItems, GovUKDateInput
from govuk_frontend_django.components.error_message import GovUKErrorMessage
from govuk_frontend_django.components.error_summary import ErrorSummaryErrorlist, GovUKErrorSummary
from govuk_frontend_django.components.footer import (
    FooterContentlicence,
    FooterCopyright,
    FooterMeta,
    GovUKFooter,
)
from govuk_frontend_django.components.base import FieldsetLegend
from govuk_frontend_django.components.fieldset import GovUKFieldset
from govuk_frontend_django.components.hint import GovUKHint
from govuk_frontend_django.components.input import GovUKInput
from govuk_frontend_django.components.label import GovUKLabel
from govuk_frontend_django.components.notification_banner import GovUKNotificationBanner
from govuk_frontend_django.components.radios import GovUKRadios, RadiosItems
from govuk_frontend_django.components.select import GovUKSelect, SelectItems
from govuk_frontend_django.components.service_navigation import (
    GovUKServiceNavigation,
    ServiceNavigationNavigation,
)
from govuk_frontend_django.components.skip_link import GovUKSkipLink
from govuk_frontend_django.components.tag import GovUKTag
from govuk_frontend_django.components.textarea import GovUKTextarea
from govuk_frontend_django.components.warning_text import GovUKWarningText

register = template.Library()


def _params(component) -> dict:
    """The macro's parameters: the component as plain dicts, with Python-safe names restored."""

    def convert(value):
        if dataclasses.is_dataclass(value):
            out = {}
            for f in dataclasses.fields(value):
                if f.name.startswith("_") and f.name != "_for":
                    continue
                name = f.metadata.get("name", f.name.lstrip("_"))
                out[name] = convert(getattr(value, f.name))
            return out
        if isinstance(value, list):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return convert(component)


def render_component(component) -> str:
    return mark_safe(component.render(component_data=_params(component)))


def _error(field) -> GovUKErrorMessage | None:
    return GovUKErrorMessage(text=" ".join(str(e) for e in field.errors)) if field.errors else None


def _hint(field) -> GovUKHint | None:
    return GovUKHint(text=str(field.help_text)) if field.help_text else None


def _attributes(field) -> dict | None:
    attrs = {k: v for k, v in field.field.widget.attrs.items() if k not in ("class",)}
    return attrs or None


def _value(field) -> str:
    value = field.value()
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@register.simple_tag
def govuk_field(field, label_size: str = "s", page_heading: bool = False, classes: str = ""):
    widget = field.field.widget
    label_text = str(field.label)
    if not field.field.required and not isinstance(widget, forms.CheckboxInput):
        label_text = f"{label_text} (optional)"
    label_classes = f"govuk-label--{label_size}" if label_size else None
    common = dict(hint=_hint(field), errorMessage=_error(field))

    if isinstance(widget, forms.RadioSelect):
        return render_component(
            GovUKRadios(
                name=field.html_name,
                idPrefix=field.auto_id,
                fieldset=GovUKFieldset(legend=FieldsetLegend(text=label_text, isPageHeading=page_heading,
                                                             classes=f"govuk-fieldset__legend--{label_size}")),
                items=[
                    RadiosItems(value=str(value), text=str(text), checked=str(value) == _value(field))
                    for value, text in field.field.choices
                    if str(value) != ""
                ],
                classes=classes or None,
                **common,
            )
        )
    if isinstance(widget, forms.CheckboxSelectMultiple):
        selected = {str(v) for v in (field.value() or [])}
        return render_component(
            GovUKCheckboxes(
                name=field.html_name,
                idPrefix=field.auto_id,
                fieldset=GovUKFieldset(legend=FieldsetLegend(text=label_text, isPageHeading=page_heading,
                                                             classes=f"govuk-fieldset__legend--{label_size}")),
                items=[CheckboxesItems(value=str(v), text=str(t), checked=str(v) in selected)
                       for v, t in field.field.choices],
                **common,
            )
        )
    if isinstance(widget, forms.CheckboxInput):
        return render_component(
            GovUKCheckboxes(
                name=field.html_name,
                idPrefix=field.auto_id,
                items=[CheckboxesItems(value="on", text=str(field.label), checked=bool(field.value()),
                                       id=field.auto_id)],
                classes="govuk-checkboxes--small",
                **common,
            )
        )
    if isinstance(widget, forms.Select):
        current = _value(field)
        return render_component(
            GovUKSelect(
                id=field.auto_id,
                name=field.html_name,
                label=GovUKLabel(text=label_text, classes=label_classes, isPageHeading=page_heading),
                items=[SelectItems(value=str(v), text=str(t), selected=str(v) == current)
                       for v, t in field.field.choices],
                classes=classes or None,
                **common,
            )
        )
    if isinstance(widget, forms.MultiWidget) and getattr(widget, "is_govuk_date", False):
        parts = field.value() if isinstance(field.value(), list | tuple) else widget.decompress(field.value())
        names = ("day", "month", "year")
        widths = (2, 2, 4)
        return render_component(
            GovUKDateInput(
                id=field.auto_id,
                fieldset=GovUKFieldset(legend=FieldsetLegend(text=label_text, isPageHeading=page_heading,
                                                             classes=f"govuk-fieldset__legend--{label_size}")),
                items=[
                    DateInputItems(
                        id=f"{field.auto_id}_{i}" if i else field.auto_id,
                        name=f"{field.html_name}_{i}",
                        label=GovUKLabel(text=names[i].capitalize()),
                        value=str(parts[i] or "") if parts and len(parts) > i else "",
                        classes=f"govuk-input--width-{widths[i]}" + (" govuk-input--error" if field.errors else ""),
                        attributes={"inputmode": "numeric"},
                    )
                    for i in range(3)
                ],
                **common,
            )
        )
    if isinstance(widget, forms.Textarea):
        return render_component(
            GovUKTextarea(
                id=field.auto_id,
                name=field.html_name,
                rows=str(widget.attrs.get("rows", 5)),
                value=_value(field),
                label=GovUKLabel(text=label_text, classes=label_classes, isPageHeading=page_heading),
                **common,
            )
        )
    input_type = getattr(widget, "input_type", "text")
    if input_type == "number":
        input_type = "text"
    return render_component(
        GovUKInput(
            id=field.auto_id,
            name=field.html_name,
            type=input_type,
            value="" if input_type == "password" else _value(field),
            label=GovUKLabel(text=label_text, classes=label_classes, isPageHeading=page_heading),
            classes=classes or widget.attrs.get("class") or None,
            autocomplete=widget.attrs.get("autocomplete"),
            inputmode=widget.attrs.get("inputmode"),
            spellcheck=False if input_type in ("email", "password") else None,
            **common,
        )
    )


@register.simple_tag
def govuk_error_summary(*forms_):
    items = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            items.append(ErrorSummaryErrorlist(text=str(error)))
        for field in form:
            for error in field.errors:
                items.append(ErrorSummaryErrorlist(text=str(error), href=f"#{field.auto_id}"))
    if not items:
        return ""
    return render_component(GovUKErrorSummary(titleText="There is a problem", errorList=items))


@register.simple_tag
def govuk_button(text: str, secondary: bool = False, warning: bool = False, href: str = "", name: str = "",
                 value: str = ""):
    classes = " ".join(c for c in ["govuk-button--secondary" if secondary else "",
                                   "govuk-button--warning" if warning else ""] if c)
    return render_component(
        GovUKButton(text=text, href=href or None, classes=classes or None, name=name or None,
                    value=value or None, preventDoubleClick=True)
    )


@register.simple_tag
def govuk_tag(text: str, colour: str = ""):
    return render_component(GovUKTag(text=text, classes=f"govuk-tag--{colour}" if colour else None))


@register.simple_tag
def govuk_warning(text: str):
    return render_component(GovUKWarningText(text=text, iconFallbackText="Warning"))


@register.simple_tag
def govuk_notification(text: str, success: bool = False):
    return render_component(
        GovUKNotificationBanner(text=text, type="success" if success else None,
                                titleText="Success" if success else "Important")
    )


NAVIGATION = [
    ("My work", "my-work"),
    ("Clients", "people:client-search"),
    ("Contacts", "people:contact-list"),
    ("Notifications", "people:notifications"),
]


@register.simple_tag
def govuk_skip_link():
    return render_component(GovUKSkipLink(text="Skip to main content", href="#main-content"))


@register.simple_tag
def govuk_footer():
    return render_component(
        GovUKFooter(
            meta=FooterMeta(text="Official – sensitive. Who views and changes each record is logged."),
            contentLicence=FooterContentlicence(text="Council adult social care finance service"),
            copyright=FooterCopyright(text="Your council"),
        )
    )


@register.simple_tag(takes_context=True)
def govuk_service_navigation(context):
    """The service name on every page; the sections once the user has signed in."""
    request = context["request"]
    items = []
    signed_in = request.user.is_authenticated
    for text, name in NAVIGATION if signed_in else []:
        href = reverse(name)
        active = request.path == href or (href != "/" and request.path.startswith(href))
        if name == "people:notifications" and context.get("unread_notifications"):
            text = f"{text} ({context['unread_notifications']})"
        items.append(ServiceNavigationNavigation(text=text, href=href, active=active, current=request.path == href))
    if context.get("read_only_user"):
        items.append(ServiceNavigationNavigation(text="Audit history", href=reverse("audit:history"),
                                                 active=request.path.startswith(reverse("audit:history"))))
    return render_component(
        GovUKServiceNavigation(serviceName="Adult social care finance", serviceUrl=reverse("my-work"),
                               navigation=items)
    )
