"""HTML to PDF with WeasyPrint.

WeasyPrint takes about two seconds to import, so it is imported inside :func:`html_to_pdf`, never
when this module is imported: web processes that never make a PDF do not pay for it.
"""

from __future__ import annotations

import logging

from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def _refuse_to_fetch(url: str, *args, **kwargs):
    # Letters carry their stylesheet inline and load nothing else: no file, no network.
    raise ValueError(f"Letters may not load external resources ({url}).")


def html_to_pdf(html: str) -> bytes:
    import weasyprint  # noqa: PLC0415 - deliberately late, see the module docstring

    return weasyprint.HTML(string=html, url_fetcher=_refuse_to_fetch).write_pdf()


def render_pdf(*, template_name: str, context: dict) -> bytes:
    """Render a Django template to HTML, then to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))


def render_letter_pdf(*, template_name: str, data: dict) -> bytes:
    """A letter's PDF: the letter to its addressee, then one copy for each person in ``data["copies"]``
    (the same letter, marked "Copy" and addressed to them, so it goes in its own window envelope).
    Each keeps its own "Page X of Y"."""
    import weasyprint  # noqa: PLC0415 - deliberately late, see the module docstring

    editions = [None, *(data.get("copies") or [])]
    rendered = [
        weasyprint.HTML(string=render_to_string(template_name, {"data": data, "edition": edition}),
                        url_fetcher=_refuse_to_fetch).render()
        for edition in editions
    ]
    pages = [page for document in rendered for page in document.pages]
    return rendered[0].copy(pages).write_pdf()
