"""SLA clock arithmetic (DESK-5) with hypothesis: working hours, holidays, pauses and the three
Indonesian time zones."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kelola.servicedesk import clock

WIB, WITA, WIT = ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Makassar"), ZoneInfo("Asia/Jayapura")
T = datetime.time
OFFICE = {d: (T(7, 30), T(16, 0)) for d in range(4)} | {4: (T(7, 30), T(16, 30))}  # Monday to Friday
HOLIDAYS = frozenset({datetime.date(2026, 12, 25), datetime.date(2026, 12, 31)})


def calendar(tz=WIB, holidays=HOLIDAYS, hours=OFFICE):
    return clock.Calendar(tz=tz, hours=hours, holidays=holidays)


def at(y, m, d, h=0, mi=0, tz=WIB):
    return datetime.datetime(y, m, d, h, mi, tzinfo=tz)


moments = st.datetimes(
    min_value=datetime.datetime(2026, 1, 1),
    max_value=datetime.datetime(2027, 12, 31),
    timezones=st.just(datetime.UTC),
)
durations = st.integers(min_value=0, max_value=60 * 24 * 40).map(lambda m: datetime.timedelta(minutes=m))
zones = st.sampled_from([WIB, WITA, WIT])


def test_examples_across_an_evening_a_weekend_and_a_holiday():
    cal = calendar()
    # Thursday 15:00 + 2 h → Friday 08:30 (one hour Thursday, one Friday)
    assert clock.add(cal, at(2026, 12, 3, 15), datetime.timedelta(hours=2)) == at(2026, 12, 4, 8, 30)
    # Friday 16:00 + 1 h → Monday 08:00 (Friday closes 16:30)
    assert clock.add(cal, at(2026, 12, 4, 16), datetime.timedelta(hours=1)) == at(2026, 12, 7, 8, 0)
    # Thursday 24 Dec 15:00 + 2 h: Christmas is a holiday → Monday 28 Dec 08:30 (Friday 25 skipped)
    assert clock.add(cal, at(2026, 12, 24, 15), datetime.timedelta(hours=2)) == at(2026, 12, 28, 8, 30)
    # Saturday night counts nothing
    assert clock.between(cal, at(2026, 12, 5, 20), at(2026, 12, 6, 23)) == datetime.timedelta(0)


def test_the_same_local_hours_are_earlier_instants_further_east():
    start = datetime.datetime(
        2026, 12, 7, 0, 0, tzinfo=datetime.UTC
    )  # Monday 07:00 WIB, 08:00 WITA, 09:00 WIT
    one_hour = datetime.timedelta(hours=1)
    due_wib = clock.add(calendar(WIB), start, one_hour)
    due_wita = clock.add(calendar(WITA), start, one_hour)
    due_wit = clock.add(calendar(WIT), start, one_hour)
    assert due_wib.astimezone(WIB).time() == T(8, 30)  # opens 07:30 WIB
    assert due_wita.astimezone(WITA).time() == T(9, 0)  # 08:00 WITA is already open
    assert due_wit.astimezone(WIT).time() == T(10, 0)
    assert due_wit < due_wib


def test_pauses_push_the_due_time_and_do_not_count():
    cal = calendar()
    start = at(2026, 12, 7, 8)
    pause = (at(2026, 12, 7, 9), at(2026, 12, 7, 11))
    assert clock.due(cal, start, datetime.timedelta(hours=4), [pause]) == at(2026, 12, 7, 14)
    assert clock.elapsed(cal, start, at(2026, 12, 7, 14), [pause]) == datetime.timedelta(hours=4)
    # an open pause runs until now
    now = at(2026, 12, 7, 10)
    assert clock.due(cal, start, datetime.timedelta(hours=4), [(at(2026, 12, 7, 9), None)], now=now) == at(
        2026, 12, 7, 13
    )


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        clock.Calendar(tz=WIB, hours={})
    with pytest.raises(ValueError):
        clock.add(calendar(), datetime.datetime(2026, 12, 7, 8), datetime.timedelta(hours=1))  # naive
    with pytest.raises(ValueError):
        clock.add(calendar(), at(2026, 12, 7, 8), datetime.timedelta(hours=-1))
    every_day_off = frozenset(datetime.date(2026, 1, 1) + datetime.timedelta(days=i) for i in range(4000))
    with pytest.raises(ValueError):
        clock.add(calendar(holidays=every_day_off), at(2026, 1, 1), datetime.timedelta(minutes=1))


@settings(max_examples=150, deadline=None)
@given(start=moments, duration=durations, tz=zones)
def test_add_then_between_gives_the_duration_back(start, duration, tz):
    cal = calendar(tz)
    end = clock.add(cal, start, duration)
    assert end >= start
    assert clock.between(cal, start, end) == duration


@settings(max_examples=150, deadline=None)
@given(start=moments, d1=durations, d2=durations, tz=zones)
def test_add_is_monotonic_and_lands_inside_working_hours(start, d1, d2, tz):
    cal = calendar(tz)
    small, large = sorted((d1, d2))
    assert clock.add(cal, start, small) <= clock.add(cal, start, large)
    if large > datetime.timedelta(0):
        end = clock.add(cal, start, large).astimezone(tz)
        window = cal.window(end.date())
        assert window is not None and window[0] < end <= window[1]


@settings(max_examples=150, deadline=None)
@given(a=moments, b=moments, c=moments, tz=zones)
def test_between_is_additive_and_never_more_than_wall_time(a, b, c, tz):
    a, b, c = sorted((a, b, c))
    cal = calendar(tz)
    assert clock.between(cal, a, b) + clock.between(cal, b, c) == clock.between(cal, a, c)
    assert clock.between(cal, a, c) <= c - a


@settings(max_examples=150, deadline=None)
@given(start=moments, target=durations, tz=zones, raw=st.lists(st.tuples(durations, durations), max_size=4))
def test_due_with_pauses_is_where_the_clock_reaches_the_target(start, target, tz, raw):
    cal = calendar(tz)
    pauses = []
    for offset, length in raw:
        pause_start = start + offset
        pauses.append((pause_start, pause_start + length))
    assume(all(e > s for s, e in pauses))
    due = clock.due(cal, start, target, pauses, now=start + datetime.timedelta(days=400))
    assert clock.elapsed(cal, start, due, pauses) == target
    assert due >= clock.add(cal, start, target)
