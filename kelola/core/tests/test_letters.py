"""Numbered official letters rendered to PDF (X-2)."""

import datetime
import shutil
import subprocess

import pytest

from kelola.core.access import LetterPolicy
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.letters import (
    format_letter_number,
    indonesian_date,
    is_local_url,
    letter_issue,
    letter_place,
    local_only_fetcher,
)
from kelola.core.models import AuditEntry, Document, Letter, LetterCounter
from kelola.core.roles import Role

pytestmark = pytest.mark.django_db

DATE = datetime.date(2026, 11, 22)


def _issue(world, who="gcio", pemda=None, **kwargs):
    options = dict(
        kind="recommendation",
        subject="Rekomendasi Aplikasi SIMPUS",
        recipient="Kepala Dinas Kesehatan",
        body="Dengan hormat,\nBerdasarkan hasil kajian, usulan dapat dilanjutkan.",
        signatory_name="Ir. Hendra Kusuma",
        signatory_title="Kepala Dinas Kominfo",
        signatory_nip="197001011995031001",
        recipient_agency=world.health,
        date=DATE,
    )
    options.update(kwargs)
    return letter_issue(
        actor=world.users[who] if isinstance(who, str) else who, pemda=pemda or world.pemda, **options
    )


def _pdf_text(document) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", document.file.path, "-"], capture_output=True, text=True, check=True
        ).stdout
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - neither tool installed
        return ""
    return "\n".join(page.extract_text() for page in PdfReader(document.file.path).pages)


def test_number_format_and_helpers(world):
    assert (
        format_letter_number(sequence=7, letter_code="Diskominfo", year=2026) == "000.1/0007/Diskominfo/2026"
    )
    assert indonesian_date(DATE) == "22 November 2026"
    assert indonesian_date(datetime.date(2026, 5, 1)) == "1 Mei 2026"
    assert letter_place(world.pemda) == "Contoh"


def test_numbers_run_per_pemda_and_year(world):
    first, second = _issue(world), _issue(world)
    other = _issue(world, who=world.other_pemda_gcio, pemda=world.other_pemda, recipient_agency=None)
    next_year = _issue(world, date=datetime.date(2027, 1, 2))
    assert (first.sequence, second.sequence, other.sequence, next_year.sequence) == (1, 2, 1, 1)
    assert first.number == "000.1/0001/Diskominfo/2026"
    assert second.number == "000.1/0002/Diskominfo/2026"
    assert next_year.number == "000.1/0001/Diskominfo/2027"
    world.other_pemda.letter_code = "Kominfo.KL"
    world.other_pemda.save()
    assert _issue(
        world, who=world.other_pemda_gcio, pemda=world.other_pemda, recipient_agency=None
    ).number == ("000.1/0002/Kominfo.KL/2026")
    assert LetterCounter.objects.get(pemda=world.pemda, year=2026).last_value == 2


def test_repeated_issuance_gives_unique_numbers(world):
    letters = [_issue(world, subject=f"Surat {i}") for i in range(8)]
    assert [letter.sequence for letter in letters] == list(range(1, 9))
    assert Letter.objects.filter(pemda=world.pemda).values("number").distinct().count() == 8
    assert Document.objects.filter(kind="letter").count() == 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuance_gives_unique_numbers(world):
    """Threads on their own connections issue at once: the counter lock (PostgreSQL) or the
    serialised write transactions (SQLite file, IMMEDIATE mode) give each a distinct number.
    The in-memory SQLite test database takes table locks without waiting, so it cannot run this;
    the PostgreSQL run of the suite does."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("in-memory SQLite cannot serve concurrent writers")
    sequences, errors = [], []
    start = threading.Barrier(4)

    def issue(index):
        try:
            start.wait(timeout=30)
            sequences.append(_issue(world, subject=f"Surat serentak {index}").sequence)
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(sequences) == [1, 2, 3, 4]
    assert Letter.objects.filter(pemda=world.pemda).values("number").distinct().count() == 4
    assert LetterCounter.objects.get(pemda=world.pemda, year=2026).last_value == 4


def test_a_number_taken_behind_the_counter_is_skipped(world):
    """A row the counter does not know of (restore, concurrent writer without row locks) clashes
    with the unique constraint; issuance moves on to a free number instead of failing."""
    first = _issue(world)
    Letter.objects.create(
        pemda=world.pemda,
        kind="other",
        year=2026,
        sequence=2,
        number="000.1/0002/Diskominfo/2026",
        date=DATE,
        subject="Dicatat manual",
        recipient="-",
        body="-",
        signatory_name="-",
        signatory_title="-",
    )
    LetterCounter.objects.filter(pemda=world.pemda, year=2026).update(last_value=1)
    third = _issue(world)
    assert (first.sequence, third.sequence) == (1, 3)


def test_pdf_is_a_real_letter(world):
    letter = _issue(world, secrecy="restricted")
    document = letter.document
    pdf = document.file.read()
    assert pdf.startswith(b"%PDF")
    assert (document.kind, document.mime_type, document.agency) == (
        "letter",
        "application/pdf",
        world.it_office,
    )
    assert document.target == letter and document.size == len(pdf)
    assert letter.agency == world.it_office  # the issuing agency defaults to the IT office
    text = _pdf_text(document)
    if text:
        for expected in (
            letter.number,
            "Rekomendasi Aplikasi SIMPUS",
            "PEMERINTAH KOTA CONTOH",
            "DINAS KOMUNIKASI DAN INFORMATIKA",
            "Contoh, 22 November 2026",
            "Terbatas",
            "Ir. Hendra Kusuma",
            "NIP. 197001011995031001",
            "Berdasarkan hasil kajian",
        ):
            assert expected in text, expected


def test_letter_of_a_target_is_attached_to_it(world):
    letter = _issue(world, target=world.health)
    assert letter.target == world.health and letter.document.target == world.health


def test_renderer_never_fetches_from_the_network(settings):
    fetcher = local_only_fetcher()
    for url in ("http://example.com/logo.png", "https://127.0.0.1/x.css", "file:///etc/passwd", "ftp://x/y"):
        assert not is_local_url(url)
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)
    assert is_local_url("data:text/plain,halo")
    assert fetcher.fetch("data:text/plain,halo").read() == b"halo"
    assert is_local_url((settings.BASE_DIR / "static" / "x.css").as_uri())


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_only_letter_managers_issue(world, role):
    if role in LetterPolicy.manage_roles:
        assert _issue(world, who=role).sequence == 1
        return
    with pytest.raises(KelolaError) as info:
        _issue(world, who=role)
    assert info.value.code == ErrorCode.FORBIDDEN
    assert not Letter.objects.exists() and not Document.objects.exists()
    assert not LetterCounter.objects.exists()
    assert AuditEntry.objects.filter(action="refused", actor=world.users[role]).exists()


def test_other_pemda_staff_and_agencies_are_refused(world):
    with pytest.raises(KelolaError):
        _issue(world, who=world.other_pemda_gcio)  # issuing for a pemda that is not theirs
    with pytest.raises(KelolaError) as info:
        _issue(world, recipient_agency=world.other_health)  # addressed across pemda
    assert info.value.code == ErrorCode.INVALID
    assert not Letter.objects.exists()


def test_who_reads_a_letter(world, client_for):
    letter = _issue(world, secrecy="restricted")
    recipient = client_for(world.users["agency_operator"])  # Dinas Kesehatan, the recipient
    assert recipient.get(letter.get_absolute_url()).status_code == 200
    response = recipient.get(f"/surat/{letter.pk}/unduh/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert letter.document.original_name in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action="download", object_id=str(letter.document.pk), actor=world.users["agency_operator"]
    ).exists()
    assert "Rekomendasi Aplikasi SIMPUS" in recipient.get("/surat/").content.decode()
    for outsider in (world.other_agency_operator, world.other_pemda_gcio):
        client = client_for(outsider)
        assert client.get(letter.get_absolute_url()).status_code == 404
        assert client.get(f"/surat/{letter.pk}/unduh/").status_code == 404
        assert client.get(f"/dokumen/{letter.document.pk}/unduh/").status_code == 404
        assert "SIMPUS" not in client.get("/surat/").content.decode()
        assert "SIMPUS" not in client.get("/dokumen/").content.decode()


def test_issue_from_the_page(world, client_for):
    form = {
        "kind": "notification",
        "subject": "Pemberitahuan Pemeliharaan",
        "recipient": "Para Kepala Perangkat Daerah",
        "body": "Isi",
        "secrecy": "ordinary",
        "signatory_name": "A",
        "signatory_title": "Kepala Dinas",
    }
    reviewer = client_for(world.users["reviewer"])
    assert reviewer.get("/surat/terbitkan/").status_code == 200
    response = reviewer.post("/surat/terbitkan/", form)
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert response["Location"] == letter.get_absolute_url() and letter.agency == world.it_office
    page = reviewer.get(letter.get_absolute_url()).content.decode()
    assert letter.number in page and f"/surat/{letter.pk}/unduh/" in page
    invalid = reviewer.post("/surat/terbitkan/", {**form, "subject": ""})
    assert invalid.status_code == 400 and "Bidang ini harus diisi." in invalid.content.decode()
    head = client_for(world.users["agency_head"])
    assert head.get("/surat/terbitkan/").status_code == 403
    assert head.post("/surat/terbitkan/", form).status_code == 403
    assert Letter.objects.count() == 1


def test_api(world, api_for):
    body = {
        "kind": "reminder",
        "subject": "Pengingat",
        "recipient": "X",
        "body": "Y",
        "signatory_name": "A",
        "signatory_title": "B",
        "recipient_agency": world.health.pk,
    }
    api = api_for(world.users["gcio"])
    created = api.post("/api/v1/letters/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["number"].startswith("000.1/0001/Diskominfo/") and data["document"]
    download = api_for(world.users["agency_operator"]).get(data["download_url"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert api_for(world.other_pemda_gcio).get(f"/api/v1/letters/{data['id']}/").status_code == 404
    assert api_for(world.other_pemda_gcio).get(data["download_url"]).status_code == 404
    assert api_for(world.other_agency_operator).get(f"/api/v1/letters/{data['id']}/").status_code == 404
    assert api_for(world.other_pemda_gcio).get("/api/v1/letters/").json()["results"] == []
    refused = api_for(world.users["agency_head"]).post("/api/v1/letters/", body, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    invalid = api.post("/api/v1/letters/", {**body, "kind": "nope", "subject": ""}, format="json")
    assert invalid.status_code == 400 and set(invalid.json()["errors"]) >= {"kind", "subject"}
    assert Letter.objects.count() == 1


@pytest.mark.parametrize("secrecy", ["restricted", "secret"])
def test_graded_letters_are_read_only_by_cleared_roles(world, client_for, api_for, secrecy):
    letter = _issue(world, who="reviewer", secrecy=secrecy)
    url = letter.get_absolute_url()
    for allowed in (
        "gcio",
        "auditor",
        "security",
        "reviewer",
        "agency_head",
    ):  # author, exempt readers, addressee
        assert client_for(world.users[allowed]).get(url).status_code == 200, allowed
    for refused in ("helpdesk", "executive", "bappeda"):
        assert client_for(world.users[refused]).get(url).status_code == 404, refused
        assert api_for(world.users[refused]).get(f"/api/v1/letters/{letter.pk}/").status_code == 404
    assert not Letter.objects.visible_to(world.users["helpdesk"]).filter(pk=letter.pk).exists()
