"""Role x scope matrix for the action routes that are not plain CRUD (STYLE practice 11):
the signed-decree upload (ORG-5), the Mandiri TIK step and evidence upload (ORG-3), and seating
a member in a governing body (ORG-2) — each as a page and as an API endpoint.

For every action: the allowed role succeeds; another pemda and a user without a role get 404
(never leaking existence); another OPD gets 404 on agency-owned rows and a refusal on
pemda-wide ones; a refused action writes nothing and leaves a "refused" audit entry where the
service was reached; a "dikecualikan" decree is out of reach for a pemda-wide reader outside
EXEMPT_READERS.
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kelola.core.models import AuditEntry, Document
from kelola.organizations import services
from kelola.organizations.models import Decree, Membership, SelfRelianceAssessment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EVIDENCE = dict(
    has_it_staff=True,
    it_staff_evidence="2 pranata komputer",
    has_built_systems=True,
    built_systems_evidence="SIMPUS dibangun sendiri",
)


def _pdf(name="sk.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _assessment(org):
    return services.assessment_start(actor=org.users["reviewer"], agency=org.health, **EVIDENCE)


def _evidence_of(row):
    return Document.objects.filter(kind="evidence", target_id=str(row.pk)).count()


A = SimpleNamespace
#: name → the row acted on, the URL, the payload (multipart unless `json`), the role allowed,
#: what the action changes (read from the database), and whether the row is owned by one agency.
ACTIONS = {
    "decree_upload_page": A(
        row=lambda o: o.decree,
        url=lambda r: f"/organisasi/keputusan/{r.pk}/unggah/",
        data=lambda o: {"file": _pdf(), "title": "SK bertanda tangan"},
        api=False,
        allowed="gcio",
        effect=lambda r: Decree.objects.get(pk=r.pk).document_id,
        agency_owned=False,
    ),
    "decree_upload_api": A(
        row=lambda o: o.decree,
        url=lambda r: f"/api/v1/decrees/{r.pk}/signed-document/",
        data=lambda o: {"file": _pdf(), "title": "SK bertanda tangan"},
        api=True,
        allowed="pemda_admin",
        effect=lambda r: Decree.objects.get(pk=r.pk).document_id,
        agency_owned=False,
    ),
    "assessment_step_page": A(
        row=_assessment,
        url=lambda r: f"/organisasi/mandiri-tik/{r.pk}/langkah/",
        data=lambda o: {"name": "propose", "comment": "Layak diusulkan"},
        api=False,
        allowed="reviewer",
        effect=lambda r: SelfRelianceAssessment.objects.get(pk=r.pk).status,
        agency_owned=True,
    ),
    "assessment_step_api": A(
        row=_assessment,
        url=lambda r: f"/api/v1/self-reliance-assessments/{r.pk}/transition/",
        data=lambda o: {"name": "propose", "comment": "Layak diusulkan"},
        api=True,
        json=True,
        allowed="gcio",
        effect=lambda r: SelfRelianceAssessment.objects.get(pk=r.pk).status,
        agency_owned=True,
    ),
    "assessment_evidence_page": A(
        row=_assessment,
        url=lambda r: f"/organisasi/mandiri-tik/{r.pk}/unggah/",
        data=lambda o: {"file": _pdf("bukti.pdf"), "title": "Bukti SDM TIK"},
        api=False,
        allowed="pemda_admin",
        effect=_evidence_of,
        agency_owned=True,
    ),
    "assessment_evidence_api": A(
        row=_assessment,
        url=lambda r: f"/api/v1/self-reliance-assessments/{r.pk}/evidence/",
        data=lambda o: {"file": _pdf("bukti.pdf"), "title": "Bukti SDM TIK"},
        api=True,
        allowed="reviewer",
        effect=_evidence_of,
        agency_owned=True,
    ),
    "membership_page": A(
        row=lambda o: o.body,
        url=lambda r: f"/organisasi/badan/{r.pk}/anggota/tambah/",
        data=lambda o: {"person": o.person.pk, "role": "member", "term_start": "2026-01-01"},
        api=False,
        allowed="gcio",
        effect=lambda r: Membership.objects.filter(body=r).count(),
        agency_owned=False,
    ),
    "membership_api": A(
        row=lambda o: o.body,
        url=lambda r: f"/api/v1/governing-bodies/{r.pk}/members/",
        data=lambda o: {"person": o.person.pk, "role": "member", "term_start": "2026-01-01"},
        api=True,
        json=True,
        allowed="pemda_admin",
        effect=lambda r: Membership.objects.filter(body=r).count(),
        agency_owned=False,
    ),
}
OUTSIDERS = ["other_pemda_gcio", "other_pemda_admin", "no_role"]
OTHER_AGENCY = ["other_agency_operator", "other_agency_head"]


def _user(org, name):
    return getattr(org, name, None) or org.users[name]


def _post(org, client_for, api_for, spec, user, row):
    url = spec.url(row)
    if spec.api:
        return api_for(user).post(
            url, spec.data(org), format="json" if getattr(spec, "json", False) else None
        )
    return client_for(user).post(url, spec.data(org))


def _refusals():
    return AuditEntry.objects.filter(action="refused").count()


@pytest.mark.parametrize("name", ACTIONS)
def test_allowed_role_takes_the_action(org, client_for, api_for, name):
    spec = ACTIONS[name]
    row = spec.row(org)
    before = spec.effect(row)
    response = _post(org, client_for, api_for, spec, _user(org, spec.allowed), row)
    if spec.api:
        assert response.status_code in (200, 201), response.content
    else:
        assert response.status_code == 302, response.content
        assert response["Location"].startswith("/organisasi/")
    assert spec.effect(row) != before


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize("name", ACTIONS)
def test_another_pemda_or_no_role_gets_404_and_nothing_changes(org, client_for, api_for, name, who):
    spec = ACTIONS[name]
    row = spec.row(org)
    before = spec.effect(row)
    response = _post(org, client_for, api_for, spec, _user(org, who), row)
    assert response.status_code == 404, response.content
    if spec.api:
        assert response.json()["code"] == "not_found"
    else:
        # The 404 page is the same as for a row that does not exist at all.
        assert str(row) not in response.content.decode()
    assert spec.effect(row) == before


@pytest.mark.parametrize("who", OTHER_AGENCY)
@pytest.mark.parametrize("name", ACTIONS)
def test_another_agency_is_refused_and_nothing_changes(org, client_for, api_for, name, who):
    spec = ACTIONS[name]
    row = spec.row(org)
    before = spec.effect(row)
    refusals = _refusals()
    response = _post(org, client_for, api_for, spec, _user(org, who), row)
    if spec.agency_owned:
        # Another OPD's assessment is not theirs to see: 404, like a missing row.
        assert response.status_code == 404
    elif spec.api:
        assert response.status_code == 403 and response.json()["code"] == "forbidden"
    else:
        # The page either refuses outright (403) or returns to the record with the reason.
        assert response.status_code in (302, 403)
    assert spec.effect(row) == before
    if spec.api and not spec.agency_owned:
        assert _refusals() == refusals + 1  # the refused write reached the service: logged


@pytest.mark.parametrize("name", ["decree_upload_page", "decree_upload_api"])
def test_classified_decree_upload(org, client_for, api_for, name):
    """A "dikecualikan" decree (002 Ps.26(3)) cannot even be addressed by a pemda-wide reader
    outside EXEMPT_READERS; the GCIO reaches it; the owning agency reads it but does not
    record decrees (the pemda's organisation managers do)."""
    spec = ACTIONS[name]
    secret = org.secret_decree
    hidden = _post(org, client_for, api_for, spec, org.users["reviewer"], secret)
    assert hidden.status_code == 404
    assert Decree.objects.get(pk=secret.pk).document_id is None
    owner = _post(org, client_for, api_for, spec, org.users["agency_head"], secret)
    assert owner.status_code in ((403,) if spec.api else (302,))
    assert Decree.objects.get(pk=secret.pk).document_id is None
    allowed = _post(org, client_for, api_for, spec, org.users["gcio"], secret)
    assert allowed.status_code in (200, 302)
    document = Decree.objects.get(pk=secret.pk).document
    assert (document.kind, document.classification) == ("decree", "exempt")
    # The scan is as hidden as the decree: not listed for the reviewer.
    assert not Document.objects.visible_to(org.users["reviewer"]).filter(pk=document.pk).exists()
    assert Document.objects.visible_to(org.users["agency_head"]).filter(pk=document.pk).exists()


def test_decree_upload_refuses_what_is_not_a_pdf(org, client_for, api_for):
    api = api_for(org.users["gcio"])
    url = f"/api/v1/decrees/{org.decree.pk}/signed-document/"
    for upload in (SimpleUploadedFile("sk.docx", b"PK\x03\x04rest"), SimpleUploadedFile("sk.pdf", b"MZ..")):
        response = api.post(url, {"file": upload})
        assert response.status_code == 400, response.content
        assert response.json()["code"] in ("invalid", "upload_type_rejected")
    missing = api.post(url, {})
    assert missing.status_code == 400 and "file" in missing.json()["errors"]
    page = client_for(org.users["gcio"]).post(
        f"/organisasi/keputusan/{org.decree.pk}/unggah/",
        {"file": SimpleUploadedFile("sk.docx", b"PK\x03\x04rest")},
        follow=True,
    )
    assert "PDF" in page.content.decode()
    assert Decree.objects.get(pk=org.decree.pk).document_id is None
    assert not Document.objects.filter(kind="decree").exists()


def test_signed_decree_shows_on_detail_and_list(org, client_for, api_for):
    api_for(org.users["gcio"]).post(
        f"/api/v1/decrees/{org.decree.pk}/signed-document/", {"file": _pdf(), "title": "SK Tim Pengarah"}
    )
    client = client_for(org.users["reviewer"])
    detail = client.get(org.decree.get_absolute_url()).content.decode()
    assert "SK Tim Pengarah" in detail
    response = client.get("/organisasi/keputusan/?export=csv")
    exported = b"".join(response.streaming_content).decode()
    assert "100/1/2026" in exported and "100/2/2026" not in exported  # the exempt one stays out


def test_refused_step_through_the_page_changes_nothing_and_is_logged(org, client_for):
    """Missing requirements (no comment on reject) and the wrong state, through the page."""
    assessment = _assessment(org)
    url = f"/organisasi/mandiri-tik/{assessment.pk}/langkah/"
    wrong_state = client_for(org.users["executive"]).post(url, {"name": "approve"}, follow=True)
    assert "tidak dapat diambil" in wrong_state.content.decode()
    services.assessment_transition(assessment, "propose", actor=org.users["gcio"])
    no_reason = client_for(org.users["executive"]).post(url, {"name": "reject", "comment": ""}, follow=True)
    assert "Belum lengkap" in no_reason.content.decode()
    assert SelfRelianceAssessment.objects.get(pk=assessment.pk).status == "proposed"
    refused = AuditEntry.objects.filter(action="refused", object_id=str(assessment.pk))
    assert [e.changes["transition"] for e in refused.order_by("sequence")] == ["approve", "reject"]
