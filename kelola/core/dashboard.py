"""Home dashboard cards: real counts of what the user may see. Domains add their own cards by
appending a callable to `CARD_PROVIDERS` in their AppConfig.ready."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    title: str
    value: int | str
    url: str = ""
    hint: str = ""
    tone: str = "primary"


CARD_PROVIDERS: list[Callable] = []


def home_cards(user) -> list[Card]:
    cards: list[Card] = []
    for provider in CARD_PROVIDERS:
        cards.extend(provider(user))
    return cards
