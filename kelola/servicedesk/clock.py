"""SLA clocks on a working calendar (DESK-5): working hours per weekday in the pemda's own time
zone (WIB, WITA or WIT), public holidays, and pauses while waiting for the user.

Pure functions over aware datetimes; every loop is bounded (a calendar with no working time at
all is refused rather than searched forever).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

#: The longest stretch searched for working time (a calendar this empty is a configuration error).
HORIZON_DAYS = 3 * 366
ZERO = datetime.timedelta(0)


@dataclass(frozen=True)
class Calendar:
    """Working hours by weekday (0 = Monday) in `tz`, minus `holidays` (local dates)."""

    tz: ZoneInfo
    hours: dict[int, tuple[datetime.time, datetime.time]]
    holidays: frozenset[datetime.date] = field(default_factory=frozenset)

    def __post_init__(self):
        if not any(start < end for start, end in self.hours.values()):
            raise ValueError("a working calendar needs working hours on at least one weekday")

    def window(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """The working interval of a local date, as aware datetimes; None on a day off."""
        if day in self.holidays or day.weekday() not in self.hours:
            return None
        start, end = self.hours[day.weekday()]
        if start >= end:
            return None
        return (
            datetime.datetime.combine(day, start, tzinfo=self.tz),
            datetime.datetime.combine(day, end, tzinfo=self.tz),
        )

    def windows_from(
        self, moment: datetime.datetime
    ) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
        """Working intervals from `moment` on (the first one clipped), at most HORIZON_DAYS."""
        _require_aware(moment)
        day = moment.astimezone(self.tz).date()
        for offset in range(HORIZON_DAYS):
            current = day + datetime.timedelta(days=offset)
            bounds = self.window(current)
            if bounds is None:
                continue
            start, end = bounds
            if end <= moment:
                continue
            yield max(start, moment), end
        raise ValueError("no working time found within the horizon (every day a holiday?)")


def _require_aware(moment: datetime.datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("SLA clocks need timezone-aware datetimes")


def add(calendar: Calendar, start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """The moment `duration` of working time after `start` (the due time of a target)."""
    if duration < ZERO:
        raise ValueError("duration must not be negative")
    if duration == ZERO:
        return start
    remaining = duration
    for window_start, window_end in calendar.windows_from(start):
        available = window_end - window_start
        if remaining <= available:
            return window_start + remaining
        remaining -= available
    raise AssertionError("unreachable")  # pragma: no cover - windows_from raises first


def between(calendar: Calendar, start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """Working time from `start` to `end` (zero when `end` is not after `start`)."""
    _require_aware(end)
    if end <= start:
        return ZERO
    total = ZERO
    for window_start, window_end in calendar.windows_from(start):
        if window_start >= end:
            break
        total += min(window_end, end) - window_start
        if window_end >= end:
            break
    return total


def merge(intervals: Iterable[tuple[datetime.datetime, datetime.datetime | None]], now: datetime.datetime):
    """Sorted, non-overlapping intervals; an open interval (end None) runs until `now`."""
    closed = sorted((s, e or now) for s, e in intervals if (e or now) > s)
    merged: list[list[datetime.datetime]] = []
    for start, end in closed:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def elapsed(
    calendar: Calendar, start: datetime.datetime, end: datetime.datetime, pauses=()
) -> datetime.timedelta:
    """Working time from `start` to `end` that the clock counts: pauses (waiting for the user)
    do not count."""
    total = between(calendar, start, end)
    for pause_start, pause_end in merge(pauses, end):
        total -= between(calendar, max(pause_start, start), min(pause_end, end))
    return max(total, ZERO)


def due(calendar: Calendar, start: datetime.datetime, target: datetime.timedelta, pauses=(), now=None):
    """The moment the clock reaches `target` of working time from `start`, the paused stretches
    not counted (a pause still open counts as running until `now`)."""
    if target < ZERO:
        raise ValueError("target must not be negative")
    now = now or datetime.datetime.now(tz=datetime.UTC)
    stops = merge(pauses, now)
    remaining = target
    for window_start, window_end in calendar.windows_from(start):
        cursor = window_start
        for stop_start, stop_end in stops:
            if stop_end <= cursor or stop_start >= window_end:
                continue
            if stop_start > cursor:
                counted = min(stop_start, window_end) - cursor
                if remaining <= counted:
                    return cursor + remaining
                remaining -= counted
            cursor = max(cursor, stop_end)
            if cursor >= window_end:
                break
        if cursor < window_end:
            counted = window_end - cursor
            if remaining <= counted:
                return cursor + remaining
            remaining -= counted
    raise AssertionError("unreachable")  # pragma: no cover - windows_from raises first
