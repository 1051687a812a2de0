"""What a graph file must hold: the node-link JSON that :func:`graphbuild.graph.write_json`
writes, checked field by field before any command trusts it.

A hand-edited, truncated or foreign file would otherwise surface as a traceback deep inside the
page writer, an exporter or the scorer. :func:`node_link_problem` returns the first thing wrong,
located by its path in the document (``edges[12].evidence[0].confidence``), or ``None``.

Fields graphbuild writes are typed when present; only those every reader relies on are
required (a node's ``id``, ``name`` and ``label``; an edge's ``source``, ``target`` and
``type``; an evidence sentence's ``doc_id`` and ``text``). Other fields a user adds are kept
as they are, as long as the document stays shallow: graphbuild's own files nest five levels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

# graphbuild writes five levels (graph > edges > edge > evidence > sentence); a user's own
# fields get room to spare, but not the thousands of levels that crash JSON writers later.
MAX_DEPTH = 16

_Check = Callable[[Any], bool]


class _Problem(Exception):
    """The first problem found, with where it is."""


def node_link_problem(data: Any) -> str | None:
    """The first way ``data`` (decoded JSON) is not a graphbuild graph, or ``None``.

    >>> node_link_problem({"nodes": [{"id": "a", "name": "A", "label": "Organization"}],
    ...                    "edges": []}) is None
    True
    >>> node_link_problem({"nodes": [], "links": []})
    "no 'edges' list (it has 'links': node-link data from another writer?)"
    >>> node_link_problem({"nodes": [{"id": "a", "name": 5, "label": "Organization"}],
    ...                    "edges": []})
    'nodes[0].name: expected a string, got the number 5'
    """
    try:
        _check_graph(data)
    except _Problem as problem:
        return str(problem)
    return None


def _check_graph(data: Any) -> None:
    if not isinstance(data, dict):
        raise _Problem(f"expected a JSON object with 'nodes' and 'edges', got {_describe(data)}")
    shape = _shape_problem(data)
    if shape is not None:
        raise _Problem(shape)
    for key in ("nodes", "edges"):
        if key not in data:
            hint = ""
            if "links" in data:
                hint = " (it has 'links': node-link data from another writer?)"
            raise _Problem(f"no {key!r} list{hint}")
        _expect(data[key], key, _is_list, "a list")
    for key in ("directed", "multigraph"):
        if key in data:
            _expect(data[key], key, _is_bool, "true or false")
    attributes = data.get("graph", {})
    _expect(attributes, "graph", _is_dict, "an object")
    documents = attributes.get("documents", [])
    _expect(documents, "graph.documents", _is_list, "a list")
    for index, document in enumerate(documents):
        where = f"graph.documents[{index}]"
        _expect(document, where, _is_dict, "an object")
        _field(document, where, "id", _is_text, "a string", required=True)
        for key in ("title", "date", "url"):
            _field(document, where, key, _is_optional_text, "a string or null")

    ids: dict[str, int] = {}
    for index, node in enumerate(data["nodes"]):
        where = f"nodes[{index}]"
        _check_node(node, where)
        if node["id"] in ids:
            raise _Problem(f"{where}: repeats the id {node['id']!r} of nodes[{ids[node['id']]}]")
        ids[node["id"]] = index
    edges: dict[tuple[str, str, str], int] = {}
    for index, edge in enumerate(data["edges"]):
        where = f"edges[{index}]"
        _check_edge(edge, where)
        for end in ("source", "target"):
            if edge[end] not in ids:
                raise _Problem(f"{where}.{end}: {edge[end]!r} is not the id of a node")
        triple = (edge["source"], edge["target"], edge["type"])
        if triple in edges:
            raise _Problem(
                f"{where}: repeats the edge {triple[0]!r} -[{triple[2]}]-> {triple[1]!r} "
                f"of edges[{edges[triple]}]"
            )
        edges[triple] = index


def _check_node(node: Any, where: str) -> None:
    _expect(node, where, _is_dict, "an object")
    _field(node, where, "id", _is_name, "a non-empty string", required=True)
    _field(node, where, "name", _is_text, "a string", required=True)
    _field(node, where, "label", _is_name, "a non-empty string", required=True)
    _field(node, where, "aliases", _is_text_list, "a list of strings")
    _field(node, where, "documents", _is_text_list, "a list of strings")
    _field(node, where, "mentions", _is_count, "a whole number, 0 or more")
    _field(node, where, "unnamed", _is_bool, "true or false")
    for key in ("first_seen", "last_seen"):
        _field(node, where, key, _is_optional_text, "a string or null")


def _check_edge(edge: Any, where: str) -> None:
    _expect(edge, where, _is_dict, "an object")
    for key in ("source", "target", "type"):
        _field(edge, where, key, _is_name, "a non-empty string", required=True)
    _field(edge, where, "support", _is_support, "a whole number, 1 or more")
    _field(edge, where, "confidence", _is_confidence, "a number from 0 to 1")
    for key in ("first_seen", "last_seen", "status"):
        _field(edge, where, key, _is_optional_text, "a string or null")
    evidence = edge.get("evidence", [])
    _expect(evidence, f"{where}.evidence", _is_list, "a list")
    for index, item in enumerate(evidence):
        item_where = f"{where}.evidence[{index}]"
        _expect(item, item_where, _is_dict, "an object")
        for key in ("doc_id", "text"):
            _field(item, item_where, key, _is_text, "a string", required=True)
        for key in ("head_mention", "tail_mention", "rule"):
            _field(item, item_where, key, _is_text, "a string")
        for key in ("start", "end"):
            _field(item, item_where, key, _is_count, "a whole number, 0 or more")
        _field(item, item_where, "confidence", _is_confidence, "a number from 0 to 1")
        for key in ("date", "status"):
            _field(item, item_where, key, _is_optional_text, "a string or null")


def _field(
    record: dict[str, Any],
    where: str,
    key: str,
    check: _Check,
    wanted: str,
    *,
    required: bool = False,
) -> None:
    if key not in record:
        if required:
            raise _Problem(f"{where}: no {key!r} field")
        return
    _expect(record[key], f"{where}.{key}", check, wanted)


def _expect(value: Any, where: str, check: _Check, wanted: str) -> None:
    if not check(value):
        raise _Problem(f"{where}: expected {wanted}, got {_describe(value)}")


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_name(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _is_optional_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_support(value: Any) -> bool:
    return _is_count(value) and value >= 1


def _is_confidence(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= 1
    )


def _describe(value: Any) -> str:
    """A value as a message names it: its JSON type, and a short form of it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return "an object"


def _shape_problem(data: Any) -> str | None:
    """Too deep, or a string that is not Unicode (a lone surrogate such as ``"\\ud83d"``,
    which JSON allows and every UTF-8 writer downstream refuses). A fast pass first; paths
    are only spelled out to name a problem found."""
    if all(problem is None for problem, _ in _walk(data, with_paths=False)):
        return None
    problem, where = next(item for item in _walk(data, with_paths=True) if item[0] is not None)
    return f"{where or 'the document'}: {problem}"


def _walk(data: Any, *, with_paths: bool) -> Iterator[tuple[str | None, str]]:
    """Every container and string, with a problem or ``None``; iterative, because the document
    may nest as deep as the JSON parser allowed."""
    stack: list[tuple[Any, int, str]] = [(data, 1, "")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, str):
            yield (None if _is_unicode(value) else "a string that is not valid Unicode"), where
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > MAX_DEPTH:
            yield f"nested more than {MAX_DEPTH} levels deep", where
            return
        yield None, where
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            if isinstance(key, str) and not _is_unicode(key):
                yield "a key that is not valid Unicode", where
            path = ""
            if with_paths:
                path = (
                    f"{where}[{key}]"
                    if isinstance(value, list)
                    else (f"{where}.{key}" if where else str(key))
                )
            stack.append((item, depth + 1, path))


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
