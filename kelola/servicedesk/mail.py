"""Inbound e-mail becomes a ticket (DESK-2): a known sender's ticket joins their agency and is
routed like any other; an unknown sender's lands in the help desk's triage queue, never lost.
Attachments are checked like any upload; an unknown sender's are listed, not stored."""

from __future__ import annotations

import email
import email.policy
from email.utils import parseaddr

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import override

from kelola.core.audit import audit_context
from kelola.core.errors import KelolaError
from kelola.core.models import Agency, DocumentKind, User

from .choices import Channel, Team, TicketKind
from .models import Service, Ticket
from .tickets import notify_new, priority_for, route, schedule

MAX_MESSAGE_BYTES = 25 * 1024 * 1024


def intake_service(pemda) -> Service:
    """The catalogue entry e-mailed tickets are filed under until the desk reclassifies them."""
    it_office = Agency.objects.filter(pemda=pemda, is_it_office=True).order_by("pk").first()
    if it_office is None:
        raise KelolaError(_("Pemda belum memiliki Dinas (perangkat daerah TI)."))
    with override("id"):
        name = _("Pengaduan melalui e-mail")
    service, _created = Service.objects.get_or_create(
        pemda=pemda,
        name=name,
        defaults={
            "agency": it_office,
            "category": "other",
            "team": Team.HELPDESK,
            "description": name,
            "requires_letter": False,
        },
    )
    if not service.levels.exists():
        from .choices import DEFAULT_TARGETS
        from .models import ServiceLevel

        ServiceLevel.objects.bulk_create(
            ServiceLevel(service=service, priority=p, response_minutes=r, resolution_minutes=f)
            for p, (r, f) in DEFAULT_TARGETS.items()
        )
    return service


def _body(message) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = part.get_content()
    return strip_tags(text) if part.get_content_type() == "text/html" else text


def ticket_from_email(raw: bytes, pemda) -> Ticket:
    if len(raw) > MAX_MESSAGE_BYTES:
        raise KelolaError(_("Pesan e-mail terlalu besar."))
    message = email.message_from_bytes(raw, policy=email.policy.default)
    _name, address = parseaddr(str(message.get("From", "")))
    sender = (
        User.objects.filter(email__iexact=address, pemda=pemda, is_active=True).first() if address else None
    )
    service = intake_service(pemda)
    title = str(message.get("Subject", "")).strip()[:200] or _("(tanpa judul)")
    description = _body(message).strip() or _("(pesan tanpa isi)")
    agency = sender.agency if sender is not None and sender.agency_id else service.agency
    if sender is not None:
        tier, team, assignee = route(agency)
    else:
        tier, team, assignee = 2, Team.HELPDESK, None
    attachments = [part for part in message.iter_attachments()]
    notes = []
    with transaction.atomic(), audit_context(actor=sender, comment="e-mail"):
        ticket = Ticket.objects.create(
            pemda=pemda,
            agency=agency,
            service=service,
            kind=TicketKind.INCIDENT,
            channel=Channel.EMAIL,
            title=title,
            description=description,
            requester=sender,
            requester_name=str(sender) if sender else address or _("(pengirim tidak dikenal)"),
            priority=priority_for("medium", "medium", False),
            tier=tier,
            team=team,
            assignee=assignee,
            triage=sender is None,
        )
        for part in attachments:
            name = part.get_filename() or "lampiran"
            content = part.get_content()
            data = content if isinstance(content, bytes) else str(content).encode()
            if sender is None:
                notes.append(
                    _("%(name)s (%(size)s bita): tidak disimpan, pengirim tidak dikenal")
                    % {"name": name, "size": len(data)}
                )
                continue
            try:
                _store(ticket, sender, SimpleUploadedFile(name, data))
            except KelolaError as exc:
                notes.append(_("%(name)s: ditolak — %(reason)s") % {"name": name, "reason": exc.message})
        if notes:
            ticket.description += "\n\n" + _("Lampiran:") + "\n" + "\n".join(f"- {n}" for n in notes)
        schedule(ticket)
        ticket.save(update_fields=["description", "response_due", "resolution_due", "updated_at"])
    notify_new(ticket)
    return ticket


def _store(ticket, sender, upload) -> None:
    from kelola.core.documents import document_upload

    with transaction.atomic():
        document_upload(
            actor=sender,
            upload=upload,
            pemda=ticket.pemda,
            agency=ticket.agency,
            title=upload.name,
            kind=DocumentKind.EVIDENCE,
            target=ticket,
        )
