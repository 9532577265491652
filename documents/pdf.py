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
    """Many letters made as one PDF, for a bulk job: each letter (``(template_name, data)``, with its
    copies as :func:`render_letter_pdf` makes them) is laid out on its own, so each keeps its own
    "Page X of Y", sharing one font configuration; then all their pages are written as one PDF, so the
    fonts are embedded once. Returns the PDF and how many pages each letter took, in order (for
    :func:`split_pdf`)."""
    import weasyprint  # noqa: PLC0415 - deliberately late, see the module docstring
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    fonts = FontConfiguration()
    pages, counts, first = [], [], None
    for template_name, data in letters:
        taken = 0
        for edition in [None, *(data.get("copies") or [])]:
            document = weasyprint.HTML(
                string=render_to_string(template_name, {"data": data, "edition": edition}),
                url_fetcher=_refuse_to_fetch).render(font_config=fonts)
            first = first or document
            pages.extend(document.pages)
            taken += len(document.pages)
        counts.append(taken)
    if first is None:
        return b"", []
    return first.copy(pages).write_pdf(), counts


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


def join_pdfs(files) -> bytes:
    """One PDF of the given PDFs (bytes or open binary files), in order: a print file for the post room."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in files:
        writer.append(io.BytesIO(part) if isinstance(part, bytes | bytearray) else part)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
