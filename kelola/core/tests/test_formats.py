"""Indonesian formats for rupiah, numbers and dates (X-6)."""

import datetime
import decimal

import pytest
from django.utils import translation

from kelola.core.templatetags.kelola import display, rupiah


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "Rp0"),
        (1500, "Rp1.500"),
        (1234567.5, "Rp1.234.568"),
        (decimal.Decimal("2500000000"), "Rp2.500.000.000"),
        (-75000, "-Rp75.000"),
        (None, ""),
    ],
)
def test_rupiah(value, expected):
    assert rupiah(value) == expected


def test_dates_and_numbers_in_indonesian():
    with translation.override("id"):
        assert display(datetime.date(2026, 8, 17)) == "17 Agustus 2026"
        assert display(1234567) == "1.234.567"
        assert display(True) == "Ya"
        assert display("") == "—"
