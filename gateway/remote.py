"""Calling the services from a request: one borrowed RPC proxy per request, kept on `g` and
given back when the request ends."""
from flask import current_app, g

from gateway.rpc import RpcPool, ServiceUnavailable
from services.shared.caller import CONTEXT_KEY as CALLER_KEY
from services.shared.caller import Caller


def pool() -> RpcPool:
    return current_app.extensions["rpc_pool"]


def _borrowed():
    if g.get("rpc_borrowed") is None:
        g.rpc_borrowed = pool().borrow(g.get("correlation_id"))
    _say_who_is_asking(g.rpc_borrowed.context)
    return g.rpc_borrowed


def _say_who_is_asking(context: dict):
    """Every call carries the request's authenticated actor (services/shared/caller.py): the
    API caller's, or the portal's signed-in account's; none on a public page."""
    actor = g.get("actor") or g.get("portal_actor")
    if actor is None:
        context.pop(CALLER_KEY, None)
    else:
        context[CALLER_KEY] = Caller(actor.id, actor.kind, actor.role, actor.scopes, actor.person_id).header()


def call(service: str, method: str, *args, **kwargs):
    """Call `service.method` over RPC on behalf of this request."""
    return pool().call(_borrowed(), service, method, *args, **kwargs)


def call_together(*calls: tuple) -> list:
    """Several calls, each `(service, method, *args)`, sent at once; their answers in order,
    or the first error once every reply is in (none is left behind on the pooled proxy)."""
    outcomes = _gathered(pool(), _borrowed(), calls)
    for outcome in outcomes:
        if isinstance(outcome, Exception):
            raise outcome
    return outcomes


def call_together_sparing(*calls: tuple) -> list:
    """As call_together, but a service that is down or late answers None in its place: the
    page shows what the others hold and says what is missing. Any other error is raised."""
    outcomes = _gathered(pool(), _borrowed(), calls)
    for outcome in outcomes:
        if isinstance(outcome, Exception) and not isinstance(outcome, ServiceUnavailable):
            raise outcome
    return [None if isinstance(outcome, ServiceUnavailable) else outcome for outcome in outcomes]


def call_each(service_names, method: str, health_pool: RpcPool) -> dict:
    """Ask every service the same question at once; each answer or the exception it raised."""
    borrowed = health_pool.borrow(g.get("correlation_id"))
    try:
        return dict(zip(service_names, _gathered(health_pool, borrowed,
                                                 [(name, method) for name in service_names])))
    finally:
        health_pool.give_back(borrowed)


def _gathered(rpc: RpcPool, borrowed, calls) -> list:
    """Send every call, then collect every reply: each answer, or the exception it raised."""
    sent = []
    for service, method, *args in calls:
        try:
            sent.append((service, rpc.call_async(borrowed, service, method, *args)))
        except Exception as exc:  # noqa: BLE001 - reported in its place
            sent.append((service, exc))
    outcomes = []
    for service, reply in sent:
        try:
            outcomes.append(reply if isinstance(reply, Exception) else rpc.wait(borrowed, service, reply))
        except Exception as exc:  # noqa: BLE001 - reported in its place
            outcomes.append(exc)
    return outcomes


def release(exc=None):
    """Teardown: give the request's proxy back to the pool."""
    borrowed = g.pop("rpc_borrowed", None)
    if borrowed is not None:
        pool().give_back(borrowed)
