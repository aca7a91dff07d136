"""The demo hosting register, built on the data-center and address-plan demos: requests in
several states (a completed colocation with its device and addresses, one waiting for the
vendor's setup with a reminder letter, a rejected one) and three VPS; a second run adds nothing."""

import pytest

from kelola.core.demo.builder import DemoResult
from kelola.core.models import Letter
from kelola.datacenter import demo as datacenter_demo
from kelola.hosting import demo
from kelola.hosting.models import HostingReminder, HostingRequest, VpsRequest
from kelola.network import demo as network_demo

from .conftest import make_system

pytestmark = pytest.mark.django_db


def test_demo_requests_in_every_state(world):
    for index in range(3):
        make_system(world.health, f"dinkes-{index}")
        make_system(world.education, f"disdik-{index}")
    network_demo.build(world.pemda, DemoResult())
    datacenter_demo.build(world.pemda, DemoResult())
    result = DemoResult()
    demo.build_workflows(world.pemda, result)
    states = set(HostingRequest.objects.values_list("status", flat=True))
    assert states == {"completed", "setup", "rejected", "app_check", "submitted"}
    completed = HostingRequest.objects.get(status="completed")
    assert completed.device.rack is not None and completed.addresses.count() == 2
    waiting = HostingRequest.objects.get(status="setup")
    assert HostingReminder.objects.get(request=waiting).letter.kind == "reminder"
    rejected = HostingRequest.objects.get(status="rejected")
    assert Letter.objects.filter(target_id=str(rejected.pk), body__contains="tanpa lisensi").exists()
    assert set(VpsRequest.objects.values_list("status", flat=True)) == {
        "provisioned",
        "submitted",
        "rejected",
    }
    assert VpsRequest.objects.get(status="provisioned").address is not None
    assert result.created == {"hosting_request": 5, "vps_request": 3}
    again = DemoResult()
    demo.build_workflows(world.pemda, again)
    assert again.created == {} and HostingRequest.objects.count() == 5
