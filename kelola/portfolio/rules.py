"""Who may build which kind of application, per pemda (PORT-3).

Two presets ship: Perwali Kota Pasuruan 24/2021 Ps.13(5) and Perwali Kota Palangka Raya
23/2020 Ps.17. A pemda without rules has not chosen yet: nothing is refused on that ground.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .choices import AppKind, BuildPreset, Complexity, Developer, RuleScope

#: preset -> scope -> (it_office, self_reliant_agency, any_agency, citation)
PRESETS = {
    BuildPreset.PASURUAN_2021: {
        RuleScope.GENERAL_HIGH: (True, False, False, "Perwali Kota Pasuruan 24/2021 Ps.13(5) huruf a"),
        RuleScope.GENERAL_LOW: (True, True, False, "Perwali Kota Pasuruan 24/2021 Ps.13(5) huruf b"),
        RuleScope.SPECIFIC: (True, True, False, "Perwali Kota Pasuruan 24/2021 Ps.13(5) huruf c"),
    },
    BuildPreset.PALANGKA_RAYA_2020: {
        RuleScope.GENERAL_HIGH: (False, False, False, "Perwali Kota Palangka Raya 23/2020 Ps.17(2)"),
        RuleScope.GENERAL_LOW: (False, False, False, "Perwali Kota Palangka Raya 23/2020 Ps.17(2)"),
        RuleScope.SPECIFIC: (True, True, True, "Perwali Kota Palangka Raya 23/2020 Ps.17(4)"),
    },
}


def scope_of(app_kind: str, complexity: str) -> str:
    if app_kind == AppKind.SPECIFIC:
        return RuleScope.SPECIFIC
    return RuleScope.GENERAL_HIGH if complexity == Complexity.HIGH else RuleScope.GENERAL_LOW


def refusal(system) -> str | None:
    """Why the pemda's rules forbid this system's developer to build it, with the article;
    None when allowed (or when the pemda has no rule for its kind)."""
    from .models import BuildRule

    if not system.app_kind:
        return None
    scope = scope_of(system.app_kind, system.complexity)
    rule = BuildRule.objects.filter(pemda_id=system.pemda_id, scope=scope).first()
    if rule is None:
        return None
    if system.developer == Developer.IT_OFFICE:
        allowed = rule.it_office_may_build
        who = _("Dinas")
    else:
        agency = system.agency
        allowed = rule.any_agency_may_build or (rule.self_reliant_agency_may_build and agency.it_self_reliant)
        who = (
            _("Perangkat Daerah Mandiri TIK")
            if agency.it_self_reliant
            else _("perangkat daerah yang belum berstatus Mandiri TIK")
        )
    if allowed:
        return None
    if not (rule.it_office_may_build or rule.self_reliant_agency_may_build or rule.any_agency_may_build):
        return _("%(kind)s tidak dibangun oleh Dinas maupun perangkat daerah (%(citation)s).") % {
            "kind": rule.get_scope_display(),
            "citation": rule.citation,
        }
    return _("%(kind)s tidak boleh dibangun oleh %(who)s (%(citation)s).") % {
        "kind": rule.get_scope_display(),
        "who": who,
        "citation": rule.citation,
    }
