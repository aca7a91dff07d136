"""The recommendation letter of an approved proposal (PROP-4, 004 Ps.12(1)): numbered, signed
by the GCIO, rendered to PDF and stored; the agency attaches it to its Renja."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import override

from kelola.core.letters import letter_issue
from kelola.core.models import LetterKind
from kelola.core.templatetags.kelola import rupiah


def issue_recommendation(proposal, actor):
    with override("id"):  # an official letter is written in Indonesian
        body = "\n".join(
            [
                _(
                    "Menindaklanjuti usulan %(agency)s tentang “%(title)s” untuk tahun anggaran "
                    "%(year)s, setelah dilakukan reviu terhadap Rencana Induk, Arsitektur SPBE dan "
                    "portofolio aplikasi pemerintah daerah, dengan ini kami memberikan rekomendasi "
                    "agar usulan tersebut dapat dilaksanakan."
                )
                % {"agency": proposal.agency.name, "title": proposal.title, "year": proposal.fiscal_year},
                _("Perkiraan biaya: %(cost)s. Analisis biaya: %(analysis)s")
                % {"cost": rupiah(proposal.cost_estimate), "analysis": proposal.cost_analysis.strip()},
                _(
                    "Rekomendasi ini agar dilampirkan pada Rencana Kerja (Renja) perangkat daerah dan "
                    "pelaksanaannya mengikuti standar serta ketentuan pengembangan aplikasi SPBE."
                ),
            ]
        )
        subject = _("Rekomendasi usulan TIK: %(title)s") % {"title": proposal.title}
        recipient = _("Kepala %(agency)s") % {"agency": proposal.agency.name}
    return letter_issue(
        actor=actor,
        pemda=proposal.pemda,
        kind=LetterKind.RECOMMENDATION,
        subject=subject[:255],
        recipient=recipient,
        body=body,
        signatory_name=actor.display_name,
        signatory_title=_("Kepala Dinas Komunikasi dan Informatika"),
        signatory_nip=getattr(actor, "nip", "") or "",
        recipient_agency=proposal.agency,
        target=proposal,
    )
