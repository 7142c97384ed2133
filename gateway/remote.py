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
    """Several calls, each `(service, method, *args)`, sent at once; their answers in order."""
    borrowed = _borrowed()
    replies = [(service, pool().call_async(borrowed, service, method, *args))
               for service, method, *args in calls]
    return [pool().wait(borrowed, service, reply) for service, reply in replies]


def call_each(service_names, method: str, health_pool: RpcPool) -> dict:
    """Ask every service the same question at once; each answer or the exception it raised."""
    borrowed = health_pool.borrow(g.get("correlation_id"))
    try:
        replies, answers = {}, {}
        for name in service_names:
            try:
                replies[name] = health_pool.call_async(borrowed, name, method)
            except Exception as exc:  # noqa: BLE001 - reported per service
                answers[name] = exc
        for name, reply in replies.items():
            try:
                answers[name] = health_pool.wait(borrowed, name, reply)
            except Exception as exc:  # noqa: BLE001 - reported per service
                answers[name] = exc
        return answers
    finally:
        health_pool.give_back(borrowed)


def release(exc=None):
    """Teardown: give the request's proxy back to the pool."""
    borrowed = g.pop("rpc_borrowed", None)
    if borrowed is not None:
        pool().give_back(borrowed)
