"""Numbered official letters generated from data and rendered to PDF (X-2).

Numbers run per pemda and year ("000.1/0007/Diskominfo/2026"); the counter row is locked
while a number is taken, and the unique constraint on (pemda, year, sequence) catches any race
that slips past a database without row locks.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
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
#: Tries to take a free number when a concurrent issuance took the same one (SQLite).
ATTEMPTS = 5


def format_letter_number(
    *, sequence: int, letter_code: str, year: int, classification_code: str = DEFAULT_CLASSIFICATION_CODE
) -> str:
    """e.g. format_letter_number(sequence=7, letter_code="Diskominfo", year=2026)
    → "000.1/0007/Diskominfo/2026"."""
    return f"{classification_code}/{sequence:04d}/{letter_code}/{year}"


def _next_sequence(pemda, year: int) -> int:
    """Take the next number of `pemda` in `year`, holding the counter row's lock until commit.

    The counter never falls behind the letters actually stored (a restore or a manual fix may
    have added some), so a retry after a unique-constraint clash moves on to a free number."""
    from django.db.models import Max

    from kelola.core.models import Letter, LetterCounter

    counter = LetterCounter.objects.select_for_update().filter(pemda=pemda, year=year).first()
    if counter is None:
        with transaction.atomic():  # a concurrent first letter of the year clashes here, not later
            counter = LetterCounter.objects.create(pemda=pemda, year=year, last_value=0)
    stored = Letter.objects.filter(pemda=pemda, year=year).aggregate(top=Max("sequence"))["top"] or 0
    counter.last_value = max(counter.last_value, stored) + 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(value: datetime.date) -> str:
    """The date as written on official letters, independent of the active locale:
    indonesian_date(date(2026, 11, 22)) → "22 November 2026"."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def letter_place(pemda) -> str:
    """The place written before the date: the pemda's name without "Kota"/"Kabupaten"."""
    name = pemda.name
    for prefix in ("Kota ", "Kabupaten ", "Provinsi "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _local_roots() -> list[Path]:
    roots = [Path(settings.BASE_DIR) / "static"]
    if getattr(settings, "STATIC_ROOT", None):
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def is_local_url(url: str) -> bool:
    """Inline data, or a file inside the project's static folders; nothing else."""
    from urllib.parse import unquote, urlparse

    if url.startswith("data:"):
        return True
    parsed = urlparse(url)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parsed.path)).resolve()
    return any(path.is_relative_to(root) for root in _local_roots())


def local_only_fetcher():
    """A WeasyPrint URL fetcher that refuses every non-local URL: a letter never loads
    anything from a network (nor any other file of the server)."""
    from weasyprint import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not is_local_url(url):
                raise ValueError(f"Refused to fetch {url!r} while rendering a letter")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=False)


def render_letter_pdf(letter) -> bytes:
    """Render the letter (kop surat, number block, recipient, body, signatory) to A4 PDF."""
    context = {
        "letter": letter,
        "pemda": letter.pemda,
        "agency": letter.agency,
        "paragraphs": [line.strip() for line in letter.body.splitlines() if line.strip()],
        "date_text": indonesian_date(letter.date),
        "place": letter_place(letter.pemda),
    }
    return render_pdf("core/letters/letter_pdf.html", context)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a template to PDF in Indonesian (official documents), loading local files only."""
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=local_only_fetcher(), base_url=str(settings.BASE_DIR)).write_pdf()


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
    from kelola.core.models import Agency, DocumentKind, Letter

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
    # The PDF is filed with the issuing agency (the IT office by default), so that it is read
    # like the letter: the pemda's staff, plus the recipient through the letter's own pages.
    filing_agency = agency or Agency.objects.filter(pemda=pemda, is_it_office=True).first()
    letter.agency = filing_agency
    with refusals_logged(actor, "add", letter):
        ensure(actor, "add", letter)
        for field, value in (("agency", agency), ("recipient_agency", recipient_agency)):
            if value is not None and value.pemda_id != pemda.pk:
                raise KelolaError(
                    _("Perangkat daerah harus berada di pemda yang sama."),
                    code=ErrorCode.INVALID,
                    errors={field: [_("Perangkat daerah harus berada di pemda yang sama.")]},
                )
        for attempt in range(ATTEMPTS):
            try:
                with transaction.atomic():
                    letter.pk = None
                    letter._state.adding = True
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
                        agency=filing_agency,
                        title=f"{letter.number} — {subject}"[:255],
                        kind=DocumentKind.LETTER,
                        secrecy=secrecy,
                        target=target or letter,
                    )
                    with audit_context(actor=actor):
                        letter.save(update_fields=["document", "updated_at"])
                    return letter
            except IntegrityError as exc:
                letter.document = None
                if attempt == ATTEMPTS - 1:
                    raise KelolaError(_("Nomor surat bentrok; coba lagi."), code=ErrorCode.CONFLICT) from exc
    return letter  # pragma: no cover - the loop returns or raises
