"""Impact and dependency analysis over the configuration relations (ASSET-3).

Every relation means "source depends on target". So:

- `affected_by(item)` — "what is affected if this fails": every item that depends on it,
  directly or through others, i.e. the relations walked *backwards* (target → source);
- `depends_on(item)` — "what does this depend on": the relations walked *forwards*.

Network links (connected_to) are directed like every other relation: the source is the end that
reaches the network through the target (a server through its access switch, an access switch
through the core). A failed switch therefore affects what hangs below it, not its uplink, and a
server's failure does not spread to the switch or to the switch's other servers. Where two
devices really rely on each other (a stack, a ring), the link is recorded both ways — cycles are
allowed for connected_to only (`services`).

Each walk is ONE recursive CTE (`WITH RECURSIVE`, the same SQL on SQLite and PostgreSQL): it
returns (item, depth, parent, relation kind) rows; UNION drops repeated rows and the depth limit
ends every walk, cycles included. The rows are cut down to the shortest path to each item (the
tree), then the items are loaded in one query through `visible_to(user)`: items the user may not
see are counted ("N item lain") but never named, and their visible descendants hang from the
nearest visible ancestor.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection

from kelola.core.models import Agency

from .choices import CiKind, RelationKind
from .models import ConfigurationItem, Relation

DEFAULT_DEPTH = 10
MAX_DEPTH = 20
CHUNK = 2000

_WALK = """
WITH RECURSIVE reach(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT r.{next} FROM reach w JOIN {table} r ON r.{this} = w.id
)
SELECT r.{this}, r.{next}, r.kind FROM reach w JOIN {table} r ON r.{this} = w.id
"""

_REACH = """
WITH RECURSIVE reach(id) AS (
    SELECT CAST(%s AS BIGINT)
    UNION
    SELECT r.target_id FROM reach w JOIN {table} r ON r.source_id = w.id WHERE r.kind <> %s
)
SELECT 1 FROM reach WHERE id = %s LIMIT 1
"""


def clamp_depth(value, default: int = DEFAULT_DEPTH) -> int:
    try:
        depth = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(depth, MAX_DEPTH))


def walk(item_id: int, *, backwards: bool, max_depth: int = DEFAULT_DEPTH) -> dict[int, tuple[int, int, str]]:
    """item id → (depth, parent id, relation kind) along a shortest path from `item_id`
    (excluded) up to `max_depth` relations away, walking relations backwards (impact) or
    forwards (dependencies).

    The recursive CTE carries item ids only, so UNION drops every item already reached and the
    walk ends by itself on cycles; the statement then returns the relations among the reached
    items, from which a breadth-first pass takes each item's depth and parent. (Carrying the
    depth in the CTE's rows would defeat UNION: on the benchmark's core rack the same walk made
    243,000 rows for 25,000 items and took 1.5 s instead of 0.1 s.)"""
    this, following = ("target_id", "source_id") if backwards else ("source_id", "target_id")
    sql = _WALK.format(table=Relation._meta.db_table, this=this, next=following)
    with connection.cursor() as cursor:
        cursor.execute(sql, [item_id])
        edges = cursor.fetchall()
    onward: defaultdict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for edge in edges:
        onward[edge[0]].append(edge)
    found: dict[int, tuple[int, int, str]] = {}
    seen = {item_id}
    frontier, depth = [item_id], 0
    while frontier and depth < max_depth:
        depth += 1
        reached: dict[int, tuple[int, int, str]] = {}
        # The lowest parent id wins, then the smallest relation kind: the same tree on every database.
        for node in sorted(frontier):
            for _here, there, kind in onward.get(node, ()):
                if there in seen:
                    continue
                known = reached.get(there)
                if known is None or (node == known[1] and kind < known[2]):
                    reached[there] = (depth, node, kind)
        found.update(reached)
        seen.update(reached)
        frontier = list(reached)
    return found


def reaches(start_id: int, goal_id: int, *, ignoring: str = RelationKind.CONNECTED_TO) -> bool:
    """Whether `start_id` depends, through any chain of relations other than `ignoring`, on
    `goal_id`. No depth limit is needed: the CTE keeps only item ids, so UNION ends it on cycles."""
    sql = _REACH.format(table=Relation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(sql, [start_id, ignoring, goal_id])
        return cursor.fetchone() is not None


class ItemView:
    """An item as a tree shows it: read as plain values (a tree may hold thousands)."""

    __slots__ = ("agency_id", "agency_name", "content_type_id", "kind", "name", "object_id", "pk")

    def __init__(self, pk, name, kind, agency_id, agency_name, content_type_id, object_id):
        self.pk, self.name, self.kind = pk, name, kind
        self.agency_id, self.agency_name = agency_id, agency_name
        self.content_type_id, self.object_id = content_type_id, object_id

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return ConfigurationItem(pk=self.pk).get_absolute_url()

    def get_kind_display(self) -> str:
        return CiKind(self.kind).label

    @property
    def icon(self) -> str:
        return ConfigurationItem(kind=self.kind).icon

    @property
    def domain_url(self) -> str:
        return ConfigurationItem(content_type_id=self.content_type_id, object_id=self.object_id).domain_url


@dataclass(slots=True)
class Node:
    item: ItemView
    depth: int  # relations between the item and the root
    relation: str  # kind of the relation that leads to this item
    parent_id: int | None  # nearest visible ancestor (None: the root)
    level: int = 0  # indentation in the tree shown
    children: list = field(default_factory=list)

    @property
    def relation_label(self) -> str:
        return RelationKind(self.relation).label if self.relation else ""


@dataclass
class Tree:
    root: ConfigurationItem
    backwards: bool
    max_depth: int
    nodes: list[Node]  # visible items, depth-first, for an indented list
    hidden_count: int  # items the user may not see
    reached_limit: bool  # some path went on past max_depth

    @property
    def total(self) -> int:
        return len(self.nodes) + self.hidden_count

    def count_by_kind(self) -> Counter:
        return Counter(node.item.kind for node in self.nodes)

    def top(self, kinds=(CiKind.SERVICE, CiKind.SYSTEM), limit: int = 5) -> list[Node]:
        chosen = [n for n in self.nodes if n.item.kind in kinds]
        return sorted(chosen, key=lambda n: (n.depth, n.item.name.lower()))[:limit]


#: Beyond this many items a tree reads the pemda's visible items in one query instead of
#: looking them up by id in chunks (SQLite caps the parameters of one statement).
WHOLE_PEMDA = 5000
_FIELDS = ("pk", "name", "kind", "agency_id", "content_type_id", "object_id")
KIND_RANK = {kind: rank for rank, kind in enumerate(CiKind.values)}


def _load(root, user, wanted: dict[int, tuple]) -> dict[int, tuple]:
    """id → `_FIELDS` of the items among `wanted` that `user` may see, as plain rows: the
    agency names are read apart (a pemda has a few dozen agencies, a tree thousands of items)."""
    manager = ConfigurationItem.objects
    base = (manager.all() if user is None else manager.visible_to(user)).order_by().values_list(*_FIELDS)
    if len(wanted) > WHOLE_PEMDA:
        rows = base.filter(pemda_id=root.pemda_id).iterator(chunk_size=CHUNK)
        return {row[0]: row for row in rows if row[0] in wanted}
    ids = list(wanted)
    return {
        row[0]: row
        for start in range(0, len(ids), CHUNK)
        for row in base.filter(pk__in=ids[start : start + CHUNK])
    }


def _agency_names(rows) -> dict[int, str]:
    ids = {row[3] for row in rows} - {None}
    return dict(Agency._base_manager.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _row_order(row):
    return (KIND_RANK.get(row[2], 99), row[1].lower(), row[0])


@contextmanager
def _collector_paused():
    """A tree of 25,000 items makes a few hundred thousand tuples and objects, none of them in a
    cycle, all alive until the tree is built: the cyclic collector would meanwhile walk the whole
    heap of the process, measured at 40% of the benchmark's worst impact walk. Reference
    counting still frees everything; the collector resumes as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tree(root, user, *, backwards: bool, max_depth: int) -> Tree:
    with _collector_paused():
        return _build(root, user, backwards=backwards, max_depth=clamp_depth(max_depth))


def _build(root, user, *, backwards: bool, max_depth: int) -> Tree:
    # One level more than asked tells whether the limit cut the walk short.
    rows = walk(root.pk, backwards=backwards, max_depth=max_depth + 1)
    reached_limit = any(depth > max_depth for depth, _p, _k in rows.values())
    if reached_limit:
        rows = {pk: row for pk, row in rows.items() if row[0] <= max_depth}
    loaded = _load(root, user, rows)
    names = _agency_names(loaded.values())
    root_pk = root.pk
    # Sorted once, so every list of children is built in the order it is shown.
    below: dict[int, list[Node]] = {}
    for pk, name, kind, agency_id, content_type_id, object_id in sorted(loaded.values(), key=_row_order):
        depth, parent, relation = rows[pk]
        while parent is not None and parent != root_pk and parent not in loaded:
            parent = rows[parent][1]  # skip the hidden ancestors
        item = ItemView(pk, name, kind, agency_id, names.get(agency_id), content_type_id, object_id)
        node = Node(item, depth, relation, None if parent == root_pk else parent)
        below.setdefault(node.parent_id or root_pk, []).append(node)
    ordered: list[Node] = []
    stack = below.get(root_pk, [])[::-1]
    while stack:
        node = stack.pop()
        ordered.append(node)
        children = below.get(node.item.pk)
        if children:
            node.children = children
            for child in children:
                child.level = node.level + 1
            stack.extend(reversed(children))
    return Tree(root, backwards, max_depth, ordered, len(rows) - len(loaded), reached_limit)


def affected_by(item, user=None, *, max_depth: int = DEFAULT_DEPTH) -> Tree:
    """Everything that depends on `item` (what is affected if it fails), as `user` may see it
    (everything when `user` is None: internal callers only)."""
    return _tree(item, user, backwards=True, max_depth=max_depth)


def depends_on(item, user=None, *, max_depth: int = DEFAULT_DEPTH) -> Tree:
    """Everything `item` depends on, as `user` may see it."""
    return _tree(item, user, backwards=False, max_depth=max_depth)


def item_for(obj):
    """The configuration item of a domain row (None if it has none)."""
    from django.contrib.contenttypes.models import ContentType

    if obj is None:
        return None
    content_type = ContentType.objects.get_for_model(type(obj))
    return ConfigurationItem.objects.filter(content_type=content_type, object_id=obj.pk).first()
