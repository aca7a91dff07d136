"""DESK-2 e-mail intake: a known sender's message becomes their agency's ticket with its
attachments checked; an unknown sender's goes to the triage queue, never lost."""

import io
from email.message import EmailMessage

import pytest
from django.core.management import call_command

from kelola.core.models import Document
from kelola.servicedesk.mail import ticket_from_email
from kelola.servicedesk.models import Ticket

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def message(
    sender, subject="Internet mati", body="Sejak pagi tidak ada koneksi.", attachments=(), html=False
):
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "helpdesk@kota-contoh.go.id"
    mail["Subject"] = subject
    if html:
        mail.set_content("<p>" + body + "</p>", subtype="html")
    else:
        mail.set_content(body)
    for name, data, maintype, subtype in attachments:
        mail.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return mail.as_bytes()


def test_a_known_sender_files_for_their_agency(world):
    sender = world.users["agency_operator"]
    raw = message(
        f"Operator <{sender.email}>",
        attachments=[
            ("foto.pdf", PDF, "application", "pdf"),
            ("virus.pdf", b"MZ\x90\x00binary", "application", "pdf"),
        ],
    )
    ticket = ticket_from_email(raw, world.pemda)
    assert (ticket.agency, ticket.requester, ticket.channel, ticket.triage) == (
        world.health,
        sender,
        "email",
        False,
    )
    assert ticket.title == "Internet mati" and "Sejak pagi" in ticket.description
    stored = Document.objects.filter(target_id=str(ticket.pk))
    assert [d.original_name for d in stored] == ["foto.pdf"]
    assert "virus.pdf: ditolak" in ticket.description
    assert ticket.resolution_due is not None


def test_an_unknown_sender_lands_in_the_triage_queue(world, client_for):
    raw = message(
        "Warga <warga@example.com>",
        subject="",
        body="Mohon bantuan",
        attachments=[("a.pdf", PDF, "application", "pdf")],
        html=True,
    )
    ticket = ticket_from_email(raw, world.pemda)
    assert ticket.triage and ticket.requester is None and ticket.team == "helpdesk" and ticket.tier == 2
    assert ticket.requester_name == "warga@example.com" and ticket.title == "(tanpa judul)"
    assert "Mohon bantuan" in ticket.description and "<p>" not in ticket.description
    assert "tidak disimpan" in ticket.description and not Document.objects.exists()
    page = client_for(world.users["helpdesk"]).get("/layanan-ti/tiket/", {"triage": "true"}).content.decode()
    assert "(tanpa judul)" in page


def test_a_sender_of_another_pemda_is_unknown_here(world):
    raw = message(f"<{world.other_pemda_operator.email}>")
    assert ticket_from_email(raw, world.pemda).triage


def test_the_mail_server_pipes_messages_to_the_command(world, monkeypatch):
    raw = message(f"<{world.users['agency_head'].email}>", subject="Printer rusak")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    out = io.StringIO()
    call_command("intake_mail", "--pemda", world.pemda.slug, stdout=out)
    assert out.getvalue().startswith("ticket #") and Ticket.objects.get().title == "Printer rusak"
