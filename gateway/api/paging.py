"""Every list of the API answers one page the same way: `{"items", "total", "limit",
"offset"}`, with `limit` (1–500, 100 by default) and `offset` in the query.

Services that page themselves (applications, deliveries) count too; the others give their
list whole, and the gateway takes the page out of it.
"""
from marshmallow import Schema, fields, validate

from gateway import remote
from gateway.api import edge_input

PAGING = ("limit", "offset")


class PageQuery(Schema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500),
                           metadata={"description": "at most this many items"})
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=1_000_000),
                            metadata={"description": "skip this many first"})


def paged_query(filters: type[Schema] | None = None) -> type[Schema]:
    """The query of a list: its filters, with `limit` and `offset` (the filters' own if they
    have them)."""
    bases = (filters, PageQuery) if filters else (PageQuery,)
    return type(f"{(filters or PageQuery).__name__}Paged", bases, {})


def page_of(item: type[Schema]) -> type[Schema]:
    """The answer of a list of `item`s."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item), required=True),
        "total": fields.Integer(required=True, metadata={"description": "how many match the filters"}),
        "limit": fields.Integer(required=True),
        "offset": fields.Integer(required=True),
    }, name=f"{item.__name__}Page")


def page(rows: list, query: dict, total: int | None = None) -> dict:
    """One page of `rows` (the whole list, or, with `total`, the page the service took)."""
    limit, offset = query["limit"], query["offset"]
    items = rows if total is not None else rows[offset:offset + limit]
    return {"items": items, "total": len(rows) if total is None else total,
            "limit": limit, "offset": offset}


def filters_only() -> dict:
    """The caller's query without paging, for a service that gives its list whole."""
    return {k: v for k, v in edge_input().items() if k not in PAGING}


def service_page(service: str, listing: str, counting: str, query: dict) -> dict:
    """A page a service takes itself (`listing` with limit and offset), and its count."""
    rows = remote.call(service, listing, edge_input())
    return page(rows, query, remote.call(service, counting, filters_only()))
