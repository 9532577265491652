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


def render_letters_together(letters: list[tuple[str, dict]]) -> tuple[bytes, list[int]]:
    """Many letters made as one PDF in one WeasyPrint layout, for a bulk job (a statement run): each
    letter (``(template_name, data)``, with its copies as :func:`render_letter_pdf` makes them) is the
    body of its template, starting on a new page, under the first letter's head (its stylesheet); the
    letters of one call share a template. Returns the PDF and how many pages each letter took, in order
    (for :func:`split_pdf`), found from where each letter's anchor first appears.

    One layout is WeasyPrint's own batch rendering, so it is as fast as WeasyPrint gets (see
    ``docs/performance.md``); the price is that the page counter runs across the batch, so a letter made
    this way must not print "Page X of Y" (the statement's footer names the account instead)."""
    import re

    import weasyprint  # noqa: PLC0415 - deliberately late, see the module docstring

    body = re.compile(r"<body[^>]*>(.*)</body>", re.S)
    head, parts = "", []
    for number, (template_name, data) in enumerate(letters):
        for edition_number, edition in enumerate([None, *(data.get("copies") or [])]):
            html = render_to_string(template_name, {"data": data, "edition": edition})
            head = head or html.partition("<body")[0]
            parts.append(f'<div id="letter-{number}-{edition_number}" style="break-before: page">'
                         f"{body.search(html).group(1)}</div>")
    if not parts:
        return b"", []
    document = weasyprint.HTML(string=f"{head}<body>{''.join(parts)}</body></html>",
                               url_fetcher=_refuse_to_fetch).render()
    starts, seen = [], set()
    for index, page in enumerate(document.pages):
        for anchor in sorted(page.anchors):
            if anchor.startswith("letter-") and anchor.endswith("-0") and anchor not in seen:
                seen.add(anchor)
                starts.append(index)
    if len(starts) != len(letters):
        raise ValueError(f"Found {len(starts)} of {len(letters)} letters in the layout.")
    bounds = [*starts, len(document.pages)]
    return document.write_pdf(), [bounds[i + 1] - bounds[i] for i in range(len(letters))]


def split_pdf(pdf: bytes, page_counts: list[int]) -> list[bytes]:
    """Cut a PDF into consecutive parts of ``page_counts`` pages each (pypdf: no re-rendering)."""
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    parts, at = [], 0
    for count in page_counts:
        writer = PdfWriter()
        for index in range(at, at + count):
            writer.add_page(reader.pages[index])
        at += count
        out = io.BytesIO()
        writer.write(out)
        parts.append(out.getvalue())
    return parts


def join_pdfs(parts) -> bytes:
    """One PDF of the given PDFs, in order: a print file for the post room. ``parts`` is an iterable of
    PDF bytes, read one at a time (a run's thousands of letters are never all open at once)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
