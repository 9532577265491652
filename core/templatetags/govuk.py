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
import functools

from django import forms, template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from govuk_frontend_django.components.breadcrumbs import BreadcrumbsItems, GovUKBreadcrumbs
from govuk_frontend_django.components.button import GovUKButton
from govuk_frontend_django.components.checkboxes import CheckboxesItems, GovUKCheckboxes
from govuk_frontend_django.components.date_input import DateInputItems, GovUKDateInput
from govuk_frontend_django.components.error_message import GovUKErrorMessage
from govuk_frontend_django.components.error_summary import ErrorSummaryErrorlist, GovUKErrorSummary
from govuk_frontend_django.components.base import FieldsetLegend
from govuk_frontend_django.components.fieldset import GovUKFieldset
from govuk_frontend_django.components.file_upload import GovUKFileUpload
from govuk_frontend_django.components.hint import GovUKHint
from govuk_frontend_django.components.input import GovUKInput, InputPrefix
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

from core.registry import registry
from core.rules import can

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


@functools.cache
def _jinja_environment():
    from jinja2 import ChoiceLoader, Environment, PackageLoader, PrefixLoader, select_autoescape

    return Environment(
        loader=ChoiceLoader([PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")})]),
        autoescape=select_autoescape(),
    )


@functools.cache
def _macro_template(source: str):
    return _jinja_environment().from_string(source)


def _without_none(value):
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def render_component(component) -> str:
    """Render the component's GOV.UK Frontend macro with its parameters.

    The same as ``component.render()``, except that the Jinja environment and each macro's compiled
    template are made once per process: the library's own ``render()`` builds a new environment
    and recompiles the macro on every call, which made a page with a table of 25 rows take most of
    a second.
    """
    template = _macro_template(component.build_jinja_template())
    return mark_safe(template.render(data=_without_none(_params(component))))


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
def govuk_field(field, label_size: str = "s", page_heading: bool = False, classes: str = "",
                mark_optional: bool = True):
    widget = field.field.widget
    label_text = str(field.label)
    if mark_optional and not field.field.required and not isinstance(widget, forms.CheckboxInput):
        label_text = f"{label_text} (optional)"
    label_classes = f"govuk-label--{label_size}" if label_size else None
    common = dict(hint=_hint(field), errorMessage=_error(field))

    if isinstance(widget, forms.RadioSelect):
        hints = getattr(widget, "hints", None) or {}  # a line under an item: ``widget.hints = {value: text}``
        return render_component(
            GovUKRadios(
                name=field.html_name,
                idPrefix=field.auto_id,
                fieldset=GovUKFieldset(legend=FieldsetLegend(text=label_text, isPageHeading=page_heading,
                                                             classes=f"govuk-fieldset__legend--{label_size}")),
                items=[
                    RadiosItems(value=str(value), text=str(text), checked=str(value) == _value(field),
                                hint=GovUKHint(text=hints[value]) if value in hints else None)
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
                # The day box takes the field's id (the error summary links to it), so the group
                # needs an id of its own: HTML ids must be unique.
                id=f"{field.auto_id}_group",
                fieldset=GovUKFieldset(legend=FieldsetLegend(text=label_text, isPageHeading=page_heading,
                                                             classes=f"govuk-fieldset__legend--{label_size}")),
                items=[
                    DateInputItems(
                        id=f"{field.auto_id}_{i}" if i else field.auto_id,
                        name=f"{field.html_name}_{i}",
                        label=names[i].capitalize(),  # the macro takes plain text here, not a label
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
    if isinstance(widget, forms.FileInput):
        return render_component(
            GovUKFileUpload(
                id=field.auto_id,
                name=field.html_name,
                label=GovUKLabel(text=label_text, classes=label_classes, isPageHeading=page_heading),
                attributes={"accept": widget.attrs["accept"]} if widget.attrs.get("accept") else None,
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
            # A money box says "£" before it: ``widget.attrs["prefix"] = "£"``.
            prefix=InputPrefix(text=widget.attrs["prefix"]) if widget.attrs.get("prefix") else None,
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
                 value: str = "", classes: str = "", hidden: str = ""):
    """``hidden`` adds visually hidden words for screen readers, e.g. which task "Complete" is for."""
    classes = " ".join(c for c in ["govuk-button--secondary" if secondary else "",
                                   "govuk-button--warning" if warning else "", classes] if c)
    if hidden:
        return render_component(
            GovUKButton(html=format_html('{}<span class="govuk-visually-hidden"> {}</span>', text, hidden),
                        href=href or None, classes=classes or None, name=name or None, value=value or None,
                        preventDoubleClick=True)
        )
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


@register.simple_tag
def govuk_skip_link():
    return render_component(GovUKSkipLink(text="Skip to main content", href="#main-content"))


@register.simple_tag(takes_context=True)
def govuk_service_navigation(context):
    """The service name on every page; once signed in, the sections the apps register
    (:class:`core.registry.MenuItem`) that this user may open."""
    request = context["request"]
    items = []
    user = request.user
    for item in registry.menu if user.is_authenticated else []:
        if not can(user, item.rule):
            continue
        href = reverse(item.url_name)
        text = item.label
        if item.badge is not None:
            count = item.badge(user)
            text = f"{text} ({count})" if count else text
        active = request.path == href or any(request.path.startswith(prefix) for prefix in item.prefixes)
        items.append(ServiceNavigationNavigation(text=text, href=href, active=active, current=request.path == href))
    return render_component(
        GovUKServiceNavigation(serviceName="Adult social care finance", serviceUrl=reverse("my-work"),
                               navigation=items)
    )


def breadcrumb_trail(request) -> list[tuple[str, str]]:
    """The trail registered for the page (:class:`core.registry.Breadcrumbs`), as (label, url), top first."""
    match = getattr(request, "resolver_match", None)
    trail = registry.breadcrumbs.get(match.view_name) if match is not None else None
    if not trail:
        return []
    steps = []
    for crumb in trail:
        if crumb.build is not None:
            step = crumb.build(request)
            if step is not None:
                steps.append(step)
        else:
            steps.append((crumb.label, reverse(crumb.url_name)))
    return steps


@register.simple_tag(takes_context=True)
def govuk_breadcrumbs(context):
    """The page's breadcrumbs, or nothing for a page at the top (then the page's own back link shows)."""
    request = context.get("request")
    steps = breadcrumb_trail(request) if request is not None else []
    if not steps:
        return ""
    return render_component(GovUKBreadcrumbs(
        items=[BreadcrumbsItems(text=label, href=url) for label, url in steps], collapseOnMobile=True))


# --- block components: tables and summary lists ----------------------------------------------
#
# Their content is written as ordinary template markup (links, tags, small forms) inside block
# tags; each block hands its rendered content to the component class as the cell's or row's
# ``html``. For example:
#
#   {% govuk_table caption="Clients" %}
#     {% govuk_table_head "Name" "Date of birth" %}
#     {% for c in clients %}{% govuk_table_row %}
#       {% govuk_cell %}<a class="govuk-link" href="{{ c.get_absolute_url }}">{{ c }}</a>{% endgovuk_cell %}
#       {% govuk_cell %}{{ c.date_of_birth|date:"j F Y" }}{% endgovuk_cell %}
#     {% endgovuk_table_row %}{% endfor %}
#   {% endgovuk_table %}

from django.template.base import token_kwargs  # noqa: E402
from govuk_frontend_django.components.back_link import GovUKBackLink  # noqa: E402
from govuk_frontend_django.components.base import (  # noqa: E402
    SummaryListRow,
    SummaryListRowsActions,
    SummaryListRowsActionsItem,
    SummaryListRowsKey,
    SummaryListRowsValue,
)
from govuk_frontend_django.components.pagination import (  # noqa: E402
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)
from govuk_frontend_django.components.summary_list import GovUKSummaryList  # noqa: E402
from govuk_frontend_django.components.table import GovUKTable, TableHead, TableRows  # noqa: E402


def _block(parser, token, end: str):
    bits = token.split_contents()
    args, kwargs = [], {}
    for bit in bits[1:]:
        found = token_kwargs([bit], parser)
        if found:
            kwargs.update(found)
        else:
            args.append(parser.compile_filter(bit))
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return nodelist, args, kwargs


def _resolve(context, args, kwargs):
    return [a.resolve(context) for a in args], {k: v.resolve(context) for k, v in kwargs.items()}


class _TableNode(template.Node):
    def __init__(self, nodelist, args, kwargs):
        self.nodelist, self.args, self.kwargs = nodelist, args, kwargs

    def render(self, context):
        _, kw = _resolve(context, self.args, self.kwargs)
        table = {"head": [], "rows": []}
        with context.push(_govuk_table=table):
            self.nodelist.render(context)
        return render_component(
            GovUKTable(
                head=table["head"] or None,
                rows=table["rows"],
                caption=kw.get("caption") or None,
                captionClasses=(kw.get("caption_classes") or f"govuk-table__caption--{kw.get('caption_size') or 'm'}")
                if kw.get("caption") else None,
                firstCellIsHeader=bool(kw.get("first_cell_is_header")) or None,
                classes=kw.get("classes") or None,
            )
        )


@register.tag("govuk_table")
def govuk_table(parser, token):
    """A GOV.UK table; ``caption="..."`` with ``caption_size`` ("s", "m", "l") or ``caption_classes``;
    ``classes``; ``first_cell_is_header``."""
    return _TableNode(*_block(parser, token, "endgovuk_table"))


@register.simple_tag(takes_context=True)
def govuk_table_head(context, *headings, numeric: str = ""):
    """The column headings. ``numeric="2,3"`` right-aligns the 2nd and 3rd (for amounts)."""
    right = {int(n) for n in numeric.split(",") if n.strip()}
    context["_govuk_table"]["head"].extend(
        TableHead(text=str(h), format="numeric" if i in right else None) for i, h in enumerate(headings, 1)
    )
    return ""


class _TableRowNode(template.Node):
    def __init__(self, nodelist, args, kwargs):
        self.nodelist = nodelist

    def render(self, context):
        row: list = []
        with context.push(_govuk_row=row):
            self.nodelist.render(context)
        context["_govuk_table"]["rows"].append(row)
        return ""


@register.tag("govuk_table_row")
def govuk_table_row(parser, token):
    return _TableRowNode(*_block(parser, token, "endgovuk_table_row"))


class _TableCellNode(template.Node):
    def __init__(self, nodelist, args, kwargs):
        self.nodelist, self.args, self.kwargs = nodelist, args, kwargs

    def render(self, context):
        _, kw = _resolve(context, self.args, self.kwargs)
        html = self.nodelist.render(context).strip()
        context["_govuk_row"].append(
            TableRows(html=html or None, format=kw.get("format") or None, classes=kw.get("classes") or None)
        )
        return ""


@register.tag("govuk_cell")
def govuk_cell(parser, token):
    """One cell; its content is the cell's HTML. ``format="numeric"``, ``classes``."""
    return _TableCellNode(*_block(parser, token, "endgovuk_cell"))


class _SummaryListNode(template.Node):
    def __init__(self, nodelist, args, kwargs):
        self.nodelist, self.args, self.kwargs = nodelist, args, kwargs

    def render(self, context):
        _, kw = _resolve(context, self.args, self.kwargs)
        rows: list = []
        with context.push(_govuk_summary=rows):
            self.nodelist.render(context)
        return render_component(GovUKSummaryList(rows=rows, classes=kw.get("classes") or None))


@register.tag("govuk_summary_list")
def govuk_summary_list(parser, token):
    return _SummaryListNode(*_block(parser, token, "endgovuk_summary_list"))


class _SummaryRowNode(template.Node):
    def __init__(self, nodelist, args, kwargs):
        self.nodelist, self.args, self.kwargs = nodelist, args, kwargs

    def render(self, context):
        args, kw = _resolve(context, self.args, self.kwargs)
        html = self.nodelist.render(context).strip()
        actions = None
        if kw.get("href"):
            actions = SummaryListRowsActions(items=[SummaryListRowsActionsItem(
                href=kw["href"], text=kw.get("action", "Change"),
                visuallyHiddenText=kw.get("hidden") or str(args[0]).lower(),
            )])
        context["_govuk_summary"].append(
            SummaryListRow(key=SummaryListRowsKey(text=str(args[0])), value=SummaryListRowsValue(html=html or None),
                           actions=actions)
        )
        return ""


@register.tag("govuk_summary_row")
def govuk_summary_row(parser, token):
    """``{% govuk_summary_row "Phone" href=url action="Change" hidden="phone" %}value{% end... %}``.
    Without ``href`` the row has no action (e.g. for read-only users)."""
    return _SummaryRowNode(*_block(parser, token, "endgovuk_summary_row"))


@register.simple_tag
def govuk_back_link(href: str, text: str = "Back"):
    return render_component(GovUKBackLink(href=href, text=text))


@register.simple_tag(takes_context=True)
def govuk_pagination(context, page, param: str = "page"):
    """Pagination for a Django ``Page``; links keep the rest of the query string (the search)."""
    if page is None or page.paginator.num_pages <= 1:
        return ""
    query = context["request"].GET.copy()

    def href(number: int) -> str:
        query[param] = str(number)
        return "?" + query.urlencode()

    current, last = page.number, page.paginator.num_pages
    wanted = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items, previous = [], 0
    for number in wanted:
        if number - previous > 1:
            items.append(PaginationItems(ellipsis=True))
        items.append(PaginationItems(number=str(number), href=href(number), current=number == current or None))
        previous = number
    return render_component(
        GovUKPagination(
            items=items,
            previous=PaginationPrevious(href=href(current - 1)) if page.has_previous() else None,
            next=PaginationNext(href=href(current + 1)) if page.has_next() else None,
        )
    )
