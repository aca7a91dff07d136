"""Numbered official letters generated from data and rendered to PDF (X-2).

Numbers run per pemda and year ("000.1/0007/Diskominfo/2026"); the counter row is locked
while a number is taken, and the unique constraint on (pemda, year, sequence) catches any race
that slips past a database without row locks.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kelola.core.choices import Secrecy
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.services import ensure, refusals_logged

#: Classification code of general correspondence in the national archive classification.
DEFAULT_CLASSIFICATION_CODE = "000.1"


def format_letter_number(
    *, sequence: int, letter_code: str, year: int, classification_code: str = DEFAULT_CLASSIFICATION_CODE
) -> str:
    """e.g. format_letter_number(sequence=7, letter_code="Diskominfo", year=2026)
    → "000.1/0007/Diskominfo/2026"."""
    return f"{classification_code}/{sequence:04d}/{letter_code}/{year}"


def _next_sequence(pemda, year: int) -> int:
    from kelola.core.models import LetterCounter

    counter = LetterCounter.objects.select_for_update().filter(pemda=pemda, year=year).first()
    if counter is None:
        counter = LetterCounter.objects.create(pemda=pemda, year=year, last_value=0)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def _local_only_fetcher(url, *args, **kwargs):
    """WeasyPrint may read only inline data: a letter never loads anything from a network."""
    from weasyprint import default_url_fetcher

    if url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Refused to fetch {url!r} while rendering a letter")


def render_letter_pdf(letter) -> bytes:
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string("core/letters/letter_pdf.html", {"letter": letter, "pemda": letter.pemda})
    return HTML(string=html, url_fetcher=_local_only_fetcher).write_pdf()


def letter_issue(
    *,
    actor,
    pemda,
    kind: str,
    subject: str,
    recipient: str,
    body: str,
    signatory_name: str,
    signatory_title: str,
    signatory_nip: str = "",
    recipient_agency=None,
    agency=None,
    secrecy: str = Secrecy.ORDINARY,
    target=None,
    date: datetime.date | None = None,
):
    """Number, render and store a letter; returns the Letter with its PDF document."""
    from django.contrib.contenttypes.models import ContentType

    from kelola.core.audit import audit_context
    from kelola.core.documents import document_upload
    from kelola.core.models import Letter

    date = date or timezone.localdate()
    letter = Letter(
        pemda=pemda,
        agency=agency,
        recipient_agency=recipient_agency,
        kind=kind,
        year=date.year,
        date=date,
        subject=subject,
        recipient=recipient,
        body=body,
        secrecy=secrecy,
        signatory_name=signatory_name,
        signatory_title=signatory_title,
        signatory_nip=signatory_nip,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if target is not None:
        letter.target_type = ContentType.objects.get_for_model(target)
        letter.target_id = str(target.pk)
    with refusals_logged(actor, "add", letter):
        for attempt in range(3):
            try:
                with transaction.atomic():
                    ensure(actor, "add", letter)
                    letter.sequence = _next_sequence(pemda, date.year)
                    letter.number = format_letter_number(
                        sequence=letter.sequence, letter_code=pemda.letter_code, year=date.year
                    )
                    letter.full_clean(exclude=["document"])
                    with audit_context(actor=actor):
                        letter.save()
                    pdf = render_letter_pdf(letter)
                    name = f"surat-{slugify(letter.number)}.pdf"
                    letter.document = document_upload(
                        actor=actor,
                        upload=SimpleUploadedFile(name, pdf, content_type="application/pdf"),
                        pemda=pemda,
                        agency=agency,
                        title=f"{letter.number} — {subject}"[:255],
                        kind="letter",
                        secrecy=secrecy,
                        target=target or letter,
                    )
                    with audit_context(actor=actor):
                        letter.save(update_fields=["document", "updated_at"])
                    return letter
            except IntegrityError as exc:
                letter.pk = None
                if attempt == 2:
                    raise KelolaError(_("Nomor surat bentrok; coba lagi."), code=ErrorCode.CONFLICT) from exc
    return letter
