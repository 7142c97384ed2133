"""Calling the services from a request: one borrowed RPC proxy per request, kept on `g` and
given back when the request ends."""
from flask import current_app, g

from gateway.rpc import RpcPool


def pool() -> RpcPool:
    return current_app.extensions["rpc_pool"]


def _borrowed():
    if g.get("rpc_borrowed") is None:
        g.rpc_borrowed = pool().borrow(g.get("correlation_id"))
    return g.rpc_borrowed


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
