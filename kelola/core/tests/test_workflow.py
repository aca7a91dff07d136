"""The workflow engine: allowed and refused transitions, requirements, audit, timeline, notify."""

import pytest

from kelola.core import workflow
from kelola.core.errors import ErrorCode, KelolaError, TransitionError
from kelola.core.models import AuditEntry, Notification, TimelineEvent
from kelola.core.queries import users_with_roles
from kelola.core.roles import Role
from kelola.organizations.models import SelfRelianceAssessment

FLOW = workflow.Workflow(
    transitions=(
        workflow.Transition(
            name="propose",
            label="Usulkan",
            sources=("draft",),
            target="proposed",
            pemda_roles=frozenset({Role.GCIO}),
            required_fields=("it_staff_evidence",),
            notify=lambda obj: users_with_roles(obj.pemda_id, {Role.EXECUTIVE}),
        ),
        workflow.Transition(
            name="reject",
            label="Tolak",
            sources=("proposed",),
            target="rejected",
            pemda_roles=frozenset({Role.EXECUTIVE}),
            comment_required=True,
        ),
        workflow.Transition(
            name="withdraw",
            label="Tarik",
            sources=("draft",),
            target="withdrawn",
            agency_roles=frozenset({Role.AGENCY_HEAD}),
            check=lambda obj: [] if obj.assessor_notes else ["catatan penilai"],
        ),
    )
)


@pytest.fixture
def assessment(world):
    return SelfRelianceAssessment.objects.create(pemda=world.pemda, agency=world.health)


def _state(pk):
    return SelfRelianceAssessment.objects.get(pk=pk).status


@pytest.mark.django_db
class TestWorkflow:
    def test_allowed_transition_changes_state_and_records_everything(
        self, world, assessment, django_capture_on_commit_callbacks
    ):
        gcio = world.users["gcio"]
        with django_capture_on_commit_callbacks(execute=True):
            workflow.perform(
                FLOW,
                assessment,
                "propose",
                actor=gcio,
                comment="lengkap",
                changes={"it_staff_evidence": "3 pranata komputer"},
            )
        assert _state(assessment.pk) == "proposed"
        entry = AuditEntry.objects.filter(object_id=str(assessment.pk), action="transition").get()
        assert entry.changes["status"] == ["draft", "proposed"]
        assert entry.changes["_transition"] == "propose"
        assert entry.actor_id == gcio.pk and entry.comment == "lengkap"
        event = TimelineEvent.objects.get(object_id=str(assessment.pk))
        assert (event.from_state, event.to_state, event.actor_id) == ("draft", "proposed", gcio.pk)
        assert Notification.objects.filter(
            recipient=world.users["executive"], kind="workflow.propose"
        ).exists()

    def test_missing_requirement_is_refused_and_only_the_attempt_is_logged(self, world, assessment):
        with pytest.raises(TransitionError) as info:
            workflow.perform(FLOW, assessment, "propose", actor=world.users["gcio"])
        assert info.value.code == ErrorCode.TRANSITION_REQUIREMENTS_MISSING
        assert "bukti SDM TIK" in str(info.value.message)
        assert _state(assessment.pk) == "draft"
        assert not TimelineEvent.objects.exists()
        refused = AuditEntry.objects.get(object_id=str(assessment.pk), action="refused")
        assert refused.changes["transition"] == "propose"

    def test_wrong_role_is_refused(self, world, assessment):
        for user in (
            world.users["reviewer"],
            world.users["agency_head"],
            world.other_pemda_gcio,
            world.no_role,
        ):
            with pytest.raises(KelolaError) as info:
                workflow.perform(FLOW, assessment, "propose", actor=user, changes={"it_staff_evidence": "x"})
            assert info.value.code == ErrorCode.FORBIDDEN
        assert SelfRelianceAssessment.objects.get(pk=assessment.pk).it_staff_evidence == ""

    def test_wrong_state_is_refused(self, world, assessment):
        with pytest.raises(TransitionError) as info:
            workflow.perform(FLOW, assessment, "reject", actor=world.users["executive"], comment="tidak")
        assert info.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
        assert _state(assessment.pk) == "draft"

    def test_comment_required(self, world, assessment):
        workflow.perform(
            FLOW, assessment, "propose", actor=world.users["gcio"], changes={"it_staff_evidence": "x"}
        )
        with pytest.raises(TransitionError):
            workflow.perform(FLOW, assessment, "reject", actor=world.users["executive"], comment="  ")
        workflow.perform(FLOW, assessment, "reject", actor=world.users["executive"], comment="belum memenuhi")
        assert _state(assessment.pk) == "rejected"

    def test_agency_role_applies_only_to_own_agency_and_custom_check(self, world, assessment):
        with pytest.raises(TransitionError):
            workflow.perform(FLOW, assessment, "withdraw", actor=world.users["agency_head"])
        with pytest.raises(KelolaError):
            workflow.perform(FLOW, assessment, "withdraw", actor=world.other_agency_head)
        SelfRelianceAssessment.objects.filter(pk=assessment.pk).update(assessor_notes="ok")
        assessment.refresh_from_db()
        workflow.perform(FLOW, assessment, "withdraw", actor=world.users["agency_head"])
        assert _state(assessment.pk) == "withdrawn"

    def test_available_lists_only_what_the_user_may_take(self, world, assessment):
        assert [t.name for t in FLOW.available(world.users["gcio"], assessment)] == ["propose"]
        assert [t.name for t in FLOW.available(world.users["agency_head"], assessment)] == ["withdraw"]
        assert FLOW.available(world.other_pemda_gcio, assessment) == []

    def test_unknown_transition(self, world, assessment):
        with pytest.raises(TransitionError):
            workflow.perform(FLOW, assessment, "terbang", actor=world.users["gcio"])
