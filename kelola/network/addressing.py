"""Address arithmetic for IPAM, on Python's `ipaddress` module.

Every address and prefix bound is also stored as a *key*: the address as an unsigned integer
written as 32 zero-padded hexadecimal digits (128 bits, enough for IPv6). Keys of one family sort
as strings exactly as the integers sort, so plain text indexes serve range queries
(`key BETWEEN start AND end`) on SQLite and PostgreSQL alike, without 128-bit integer columns.
"""

from __future__ import annotations

import ipaddress

from django.utils.translation import gettext as _

from kelola.core.errors import ErrorCode, KelolaError

KEY_WIDTH = 32


def to_key(value: int) -> str:
    return f"{value:0{KEY_WIDTH}x}"


def from_key(key: str) -> int:
    return int(key, 16)


def parse_network(text: str, *, field: str = "network") -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A prefix typed by a person ("10.1.0.0/24", "2001:db8::/48"); host bits set are refused
    with the network that was probably meant."""
    text = (text or "").strip()
    if "/" not in text:
        raise KelolaError(
            _("Tulis prefiks dengan panjangnya, misalnya 10.1.0.0/24."),
            errors={field: [_("Tanpa /panjang.")]},
        )
    try:
        return ipaddress.ip_network(text, strict=True)
    except ValueError:
        try:
            meant = ipaddress.ip_network(text, strict=False)
        except ValueError:
            message = _("“%(text)s” bukan prefiks IPv4 atau IPv6 yang sah.") % {"text": text}
            raise KelolaError(message, errors={field: [message]}) from None
        message = _("“%(text)s” bukan alamat jaringan; maksudnya %(net)s?") % {"text": text, "net": meant}
        raise KelolaError(message, errors={field: [message]}) from None


def parse_address(text: str, *, field: str = "address") -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    text = (text or "").strip()
    try:
        return ipaddress.ip_address(text.split("/")[0] if text.count("/") == 1 else text)
    except ValueError:
        message = _("“%(text)s” bukan alamat IPv4 atau IPv6 yang sah.") % {"text": text}
        raise KelolaError(message, code=ErrorCode.INVALID, errors={field: [message]}) from None


def assignable_bounds(network) -> tuple[int, int]:
    """First and last assignable address of `network` as integers. An IPv4 prefix shorter than
    /31 keeps its network and broadcast addresses out; /31 (RFC 3021) and /32 use every address;
    in IPv6 every address is assignable."""
    first, last = int(network.network_address), int(network.broadcast_address)
    if network.version == 4 and network.prefixlen < 31:
        return first + 1, last - 1
    return first, last


def assignable_count(network) -> int:
    first, last = assignable_bounds(network)
    return max(0, last - first + 1)


def is_assignable(network, address) -> bool:
    first, last = assignable_bounds(network)
    return first <= int(address) <= last
