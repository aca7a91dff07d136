"""Numbered official letters rendered to PDF (X-2)."""

import shutil
import subprocess

import pytest

from kelola.core.errors import KelolaError
from kelola.core.letters import format_letter_number, letter_issue
from kelola.core.models import Letter

pytestmark = pytest.mark.django_db


def _issue(world, who="gcio", pemda=None, **kwargs):
    options = dict(
        kind="recommendation",
        subject="Rekomendasi Aplikasi SIMPUS",
        recipient="Kepala Dinas Kesehatan",
        body="Dengan hormat,\nBerdasarkan hasil kajian, usulan dapat dilanjutkan.",
        signatory_name="Ir. Hendra Kusuma",
        signatory_title="Kepala Dinas Kominfo",
        recipient_agency=world.health,
    )
    options.update(kwargs)
    return letter_issue(
        actor=world.users[who] if isinstance(who, str) else who, pemda=pemda or world.pemda, **options
    )


def test_number_format():
    assert (
        format_letter_number(sequence=7, letter_code="Diskominfo", year=2026) == "000.1/0007/Diskominfo/2026"
    )


def test_numbers_run_per_pemda_and_year(world):
    import datetime

    first, second = _issue(world), _issue(world)
    other = _issue(world, who=world.other_pemda_gcio, pemda=world.other_pemda, recipient_agency=None)
    next_year = _issue(world, date=datetime.date(first.year + 1, 1, 2))
    assert (first.sequence, second.sequence, other.sequence, next_year.sequence) == (1, 2, 1, 1)
    assert second.number == f"000.1/0002/Diskominfo/{first.year}"
    assert len({letter.number for letter in Letter.objects.filter(pemda=world.pemda)}) == 3
    from kelola.core.models import LetterCounter

    assert LetterCounter.objects.get(pemda=world.pemda, year=first.year).last_value == 2


def test_pdf_is_a_real_letter(world):
    letter = _issue(world)
    pdf = letter.document.file.read()
    assert pdf.startswith(b"%PDF")
    assert letter.document.kind == "letter" and letter.document.mime_type == "application/pdf"
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", letter.document.file.path, "-"], capture_output=True, text=True, check=True
        ).stdout
        assert letter.number in text and "Rekomendasi Aplikasi SIMPUS" in text and "KOTA CONTOH" in text


@pytest.mark.parametrize("who", ["agency_head", "bappeda", "executive"])
def test_only_the_it_office_issues(world, who):
    with pytest.raises(KelolaError):
        _issue(world, who=who)
    assert not Letter.objects.exists()


def test_who_reads_a_letter(world, client_for):
    letter = _issue(world)
    assert client_for(world.users["agency_operator"]).get(letter.get_absolute_url()).status_code == 200
    assert (
        client_for(world.users["agency_operator"]).get(f"/dokumen/{letter.document.pk}/unduh/").status_code
        == 200
    )
    assert client_for(world.other_agency_operator).get(letter.get_absolute_url()).status_code == 404
    assert client_for(world.other_pemda_gcio).get(letter.get_absolute_url()).status_code == 404


def test_issue_from_the_page_and_api(world, client_for, api_for):
    response = client_for(world.users["reviewer"]).post(
        "/surat/terbitkan/",
        {
            "kind": "notification",
            "subject": "Pemberitahuan",
            "recipient": "Para Kepala PD",
            "body": "Isi",
            "secrecy": "ordinary",
            "signatory_name": "A",
            "signatory_title": "Kepala Dinas",
        },
    )
    assert response.status_code == 302
    api = api_for(world.users["gcio"])
    created = api.post(
        "/api/v1/letters/",
        {
            "kind": "reminder",
            "subject": "Pengingat",
            "recipient": "X",
            "body": "Y",
            "signatory_name": "A",
            "signatory_title": "B",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["number"].startswith("000.1/0002/")
    refused = api_for(world.users["agency_head"]).post(
        "/api/v1/letters/",
        {
            "kind": "reminder",
            "subject": "x",
            "recipient": "x",
            "body": "x",
            "signatory_name": "x",
            "signatory_title": "x",
        },
        format="json",
    )
    assert refused.status_code == 403
