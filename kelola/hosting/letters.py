"""The letters of 004 Lampiran IV 1.1.1, numbered and rendered to PDF by `core.letters`: the
approval with the vendor's 2 x 24 h setup window, the reminders when the window passes (signed
by the leadership, sent to the end user), the approval of the application, and the refusal with
its reasons. Every letter is addressed to the requesting OPD and filed on the request."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kelola.core import access
from kelola.core.letters import indonesian_date, letter_issue
from kelola.core.models import Letter, LetterKind
from kelola.core.queries import users_with_roles

from .policies import LEADERS


def _issue(request, *, actor, kind, subject, paragraphs, date=None):
    return letter_issue(
        actor=actor,
        pemda=request.pemda,
        kind=kind,
        subject=subject[:255],
        recipient=_("Kepala %(agency)s") % {"agency": request.agency.name},
        body="\n".join(paragraphs),
        signatory_name=actor.display_name,
        signatory_title=_("Kepala Dinas Komunikasi dan Informatika"),
        signatory_nip=getattr(actor, "nip", "") or "",
        recipient_agency=request.agency,
        target=request,
        date=date,
    )


def _opening(request) -> str:
    return _(
        "Menindaklanjuti surat %(agency)s nomor %(number)s tanggal %(date)s perihal permohonan "
        "penitipan %(kind)s untuk sistem elektronik “%(system)s”,"
    ) % {
        "agency": request.agency.name,
        "number": request.letter_number,
        "date": indonesian_date(request.letter_date),
        "kind": request.get_kind_display().lower(),
        "system": request.system,
    }


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{indonesian_date(local.date())} {local:%H.%M}"


def approval_letter(request, actor):
    """The leadership approved the placement: the vendor sets the server up within 2 x 24 h."""
    with override("id"):
        paragraphs = [
            _opening(request),
            _(
                "dengan ini kami sampaikan bahwa permohonan tersebut disetujui. Setting dan pengujian "
                "server serta aplikasi agar dilakukan oleh rekanan/pengguna paling lambat %(deadline)s "
                "(2 x 24 jam), sebelum server dipindahkan ke Data Center."
            )
            % {"deadline": _when(request.setup_deadline)},
        ]
        if request.recommendation:
            paragraphs.append(_("Rekomendasi pimpinan: %(text)s") % {"text": request.recommendation})
        subject = _("Persetujuan penitipan server %(system)s") % {"system": request.system}
    return _issue(request, actor=actor, kind=LetterKind.NOTIFICATION, subject=subject, paragraphs=paragraphs)


def app_approval_letter(request, actor):
    """The application passed its checks and may be installed."""
    with override("id"):
        paragraphs = [
            _opening(request),
            _(
                "dengan ini kami sampaikan bahwa hasil pengecekan aplikasi (legalitas perangkat lunak, "
                "kelengkapan aplikasi dan celah keamanan) disetujui. Aplikasi akan dipasang di Data "
                "Center dan alamat IP akan ditetapkan."
            ),
        ]
        subject = _("Persetujuan pemasangan aplikasi %(system)s") % {"system": request.system}
    return _issue(request, actor=actor, kind=LetterKind.NOTIFICATION, subject=subject, paragraphs=paragraphs)


def rejection_letter(request, actor):
    """The request is refused; the letter gives the reasons (SOP: "disampaikan kepada pemohon
    beserta alasannya"; 002 Ps.34(5)(e): the OPD fixes its application)."""
    with override("id"):
        paragraphs = [
            _opening(request),
            _("dengan ini kami sampaikan bahwa permohonan tersebut belum dapat disetujui, dengan alasan:"),
            request.decision_reason,
            _(
                "Perangkat daerah dapat melakukan perbaikan dan mengajukan permohonan kembali setelah "
                "alasan di atas ditindaklanjuti."
            ),
        ]
        subject = _("Penolakan penitipan %(system)s") % {"system": request.system}
    return _issue(request, actor=actor, kind=LetterKind.NOTIFICATION, subject=subject, paragraphs=paragraphs)


def reminder_letter(request, actor, *, number: int, window_ends_at, date):
    """The n-th notice that the server is still not set up (at most three)."""
    with override("id"):
        paragraphs = [
            _opening(request),
            _(
                "bersama ini kami beritahukan bahwa sampai dengan batas waktu 2 x 24 jam setting dan "
                "pengujian server serta aplikasi belum dilakukan. Kami minta agar rekanan/pengguna "
                "segera melakukan setting server dan aplikasi paling lambat %(deadline)s."
            )
            % {"deadline": _when(window_ends_at)},
            _("Surat ini merupakan pemberitahuan ke-%(n)s dari paling banyak 3 (tiga) kali.") % {"n": number},
        ]
        if request.vendor:
            paragraphs.append(_("Tembusan: %(vendor)s.") % {"vendor": request.vendor})
        subject = _("Pemberitahuan ke-%(n)s: segera lakukan setting server %(system)s") % {
            "n": number,
            "system": request.system,
        }
    return _issue(
        request, actor=actor, kind=LetterKind.REMINDER, subject=subject, paragraphs=paragraphs, date=date
    )


def signer_for(request):
    """Who signs a reminder: the leader who approved the request, else another current leader of
    the pemda; only someone who may still issue the pemda's letters (SOP: "ditandatangani oleh
    pimpinan"). None when nobody may."""
    probe = Letter(pemda_id=request.pemda_id)
    candidates = [request.decided_by, *users_with_roles(request.pemda_id, LEADERS).order_by("pk")]
    for user in candidates:
        if user is not None and user.is_active and access.can(user, "add", probe):
            return user
    return None


def letters_of(request, user):
    """The letters filed on `request` that `user` may read, newest first."""
    from django.contrib.contenttypes.models import ContentType

    return (
        Letter.objects.visible_to(user)
        .filter(target_type=ContentType.objects.get_for_model(request), target_id=str(request.pk))
        .order_by("-date", "-sequence")
    )
