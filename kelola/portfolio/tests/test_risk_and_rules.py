"""PORT-2 scoring (Lampiran II (1)) and PORT-3 build rules, enforced by the services."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from kelola.core.errors import KelolaError
from kelola.core.models import AuditEntry, Notification
from kelola.portfolio import risk, services
from kelola.portfolio.models import ElectronicSystem, RiskAssessment

from .conftest import make_system

ALL_C = {f"q{i}": "C" for i in range(1, 11)}


@pytest.mark.parametrize(
    ("score", "category"),
    [(10, "low"), (15, "low"), (16, "high"), (35, "high"), (36, "strategic"), (50, "strategic")],
)
def test_category_boundaries(score, category):
    assert risk.category_for(score) == category


@pytest.mark.parametrize("score", [9, 51, 0])
def test_scores_outside_the_table_are_impossible(score):
    with pytest.raises(ValueError):
        risk.category_for(score)


def test_every_combination_of_answers_lands_in_its_band():
    """All 3^10 questionnaires: the total is the sum of A=5, B=2, C=1 and the category its band."""
    seen = set()
    for letters in itertools.product("ABC", repeat=10):
        answers = {f"q{i}": letter for i, letter in enumerate(letters, start=1)}
        total, category = risk.score(answers)
        assert total == sum({"A": 5, "B": 2, "C": 1}[x] for x in letters)
        expected = "strategic" if total >= 36 else "high" if total >= 16 else "low"
        assert category == expected
        seen.add(total)
    # the boundary totals are all reachable
    assert {15, 16, 35, 36} <= seen and min(seen) == 10 and max(seen) == 50


@pytest.mark.django_db
class TestRiskAssessment:
    def test_missing_answer_is_not_scored_and_changes_nothing(self, port):
        answers = dict(ALL_C)
        del answers["q7"]
        with pytest.raises(KelolaError) as refused:
            services.risk_assess(port.system, actor=port.users["agency_operator"], answers=answers)
        assert "q7" in refused.value.errors and "7" in refused.value.errors["q7"][0]
        port.system.refresh_from_db()
        assert port.system.risk_category == "" and not RiskAssessment.objects.exists()
        assert AuditEntry.objects.filter(action="refused").exists()

    def test_bad_letter_and_unknown_question_are_refused(self, port):
        with pytest.raises(KelolaError) as refused:
            services.risk_assess(
                port.system, actor=port.users["gcio"], answers={**ALL_C, "q1": "D", "q11": "A"}
            )
        assert set(refused.value.errors) == {"q1", "q11"}

    def test_scoring_sets_the_category_keeps_history_and_tells_the_gcio(self, port):
        operator = port.users["agency_operator"]
        services.risk_assess(port.system, actor=operator, answers=ALL_C)
        strategic = {f"q{i}": "A" for i in range(1, 9)} | {"q9": "B", "q10": "B"}  # 40 + 4 = 44
        services.risk_assess(port.system, actor=operator, answers=strategic, assessor_position="Kasi TI")
        port.system.refresh_from_db()
        assert (port.system.risk_score, port.system.risk_category) == (44, "strategic")
        assert [a.score for a in port.system.risk_assessments.all()] == [44, 10]
        assert (
            Notification.objects.filter(
                recipient=port.users["gcio"], kind="portfolio.strategic_system"
            ).count()
            == 1
        )

    def test_lower_case_answers_are_accepted(self, port):
        assessment = services.risk_assess(
            port.system, actor=port.users["gcio"], answers={k: "b" for k in ALL_C}
        )
        assert (assessment.score, assessment.category) == (20, "high")

    def test_another_agency_may_not_assess(self, port):
        with pytest.raises(KelolaError):
            services.risk_assess(port.system, actor=port.other_agency_operator, answers=ALL_C)


@pytest.mark.django_db
class TestBuildRules:
    def planned(self, world, **extra):
        return dict(
            internal_name="baru",
            external_name="Aplikasi Baru",
            description="Aplikasi baru",
            status="planned",
            **extra,
        )

    def test_palangka_raya_forbids_building_general_apps_citing_the_article(self, world):
        services.rules_apply_preset(world.pemda, "palangka_raya_2020", actor=world.users["gcio"])
        data = self.planned(world, app_kind="general", complexity="low")
        with pytest.raises(KelolaError) as refused:
            services.system_create(actor=world.users["agency_head"], agency=world.health, **data)
        assert refused.value.code == "rule_violation"
        assert "Ps.17(2)" in str(refused.value.message)
        assert not ElectronicSystem.objects.filter(internal_name="baru").exists()
        with pytest.raises(KelolaError):
            services.system_create(
                actor=world.users["gcio"], agency=world.it_office, developer="it_office", **data
            )

    def test_palangka_raya_keeps_general_apps_in_use_before_the_rule(self, world):
        services.rules_apply_preset(world.pemda, "palangka_raya_2020", actor=world.users["gcio"])
        data = self.planned(world, app_kind="general", complexity="low") | {"status": "production"}
        data["url"] = "https://lama.example.go.id"
        system = services.system_create(actor=world.users["agency_head"], agency=world.health, **data)
        assert system.pk
        with pytest.raises(KelolaError):  # but it may not go back to being built by the agency
            services.system_update(system, actor=world.users["agency_head"], status="development")

    def test_pasuruan_specific_apps_need_a_self_reliant_agency(self, world):
        services.rules_apply_preset(world.pemda, "pasuruan_2021", actor=world.users["gcio"])
        data = self.planned(world, app_kind="specific")
        with pytest.raises(KelolaError) as refused:
            services.system_create(actor=world.users["agency_head"], agency=world.health, **data)
        assert "Ps.13(5) huruf c" in str(refused.value.message)
        world.health.it_self_reliant = True
        world.health.save(update_fields=["it_self_reliant"])
        assert services.system_create(actor=world.users["agency_head"], agency=world.health, **data).pk

    def test_pasuruan_high_complexity_general_apps_are_the_it_office_s(self, world):
        services.rules_apply_preset(world.pemda, "pasuruan_2021", actor=world.users["gcio"])
        world.health.it_self_reliant = True
        world.health.save(update_fields=["it_self_reliant"])
        data = self.planned(world, app_kind="general", complexity="high")
        with pytest.raises(KelolaError):
            services.system_create(actor=world.users["agency_head"], agency=world.health, **data)
        system = services.system_create(
            actor=world.users["gcio"], agency=world.health, developer="it_office", **data
        )
        assert system.developer == "it_office"

    def test_without_rules_nothing_is_refused_on_that_ground(self, world):
        data = self.planned(world, app_kind="general", complexity="high")
        assert services.system_create(actor=world.users["agency_head"], agency=world.health, **data).pk

    def test_presets_are_set_by_the_gcio_only(self, world):
        with pytest.raises(KelolaError):
            services.rules_apply_preset(world.pemda, "pasuruan_2021", actor=world.users["agency_head"])
        rules = services.rules_apply_preset(world.pemda, "pasuruan_2021", actor=world.users["gcio"])
        assert len(rules) == 3
        again = services.rules_apply_preset(
            world.pemda, "palangka_raya_2020", actor=world.users["pemda_admin"]
        )
        assert {r.pk for r in again} == {r.pk for r in rules}  # updated in place, not duplicated
        with pytest.raises(KelolaError):
            services.rules_apply_preset(world.pemda, "unknown", actor=world.users["gcio"])


@pytest.mark.django_db
class TestClassificationRules:
    def test_general_apps_need_a_complexity_and_closed_source_a_reason(self, world):
        with pytest.raises(ValidationError) as refused:
            services.system_create(
                actor=world.users["agency_head"],
                agency=world.health,
                internal_name="x",
                external_name="X",
                description="x",
                app_kind="general",
                open_source=False,
            )
        assert {"complexity", "closed_source_justification"} <= set(refused.value.message_dict)

    def test_operator_profile_defaults_to_the_agency(self, world):
        world.health.address = "Jl. Sehat 1"
        world.health.save(update_fields=["address"])
        system = services.system_create(
            actor=world.users["agency_operator"],
            agency=world.health,
            internal_name="y",
            external_name="Y",
            description="y",
            app_kind="specific",
        )
        assert (system.operator_unit, system.operator_address) == ("Dinas Kesehatan", "Jl. Sehat 1")

    def test_the_same_internal_name_twice_in_a_pemda_is_refused(self, port):
        with pytest.raises(ValidationError):
            services.system_create(
                actor=port.users["gcio"],
                agency=port.education,
                internal_name="simpus",
                external_name="Lagi",
                description="-",
                app_kind="specific",
            )
        assert make_system(port.other_health, internal_name="unik").pk  # other pemda: own names
