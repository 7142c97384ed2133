"""Every RPC entrypoint of every service says who may call it, and refuses everyone else before
it runs. The table is read from the service classes themselves, so an entrypoint added
tomorrow is covered the day it is added (and one that says nothing cannot be written:
`command` refuses to decorate it)."""
import inspect

import pytest
from nameko.containers import ServiceContainer
from nameko.rpc import Rpc

from services import SERVICES
from services.run import service_class
from services.shared.caller import Caller
from services.shared.errors import Forbidden, NotAuthenticated
from services.shared.service import command
from services.shared.wire.credentials import ROLE_SCOPES
from tests.support.builders import an_application
from tests.support.fixtures import COORDINATOR

BUDDY = Caller("00000000-0000-4000-8000-0000000000b1", "buddy_session", "buddy", ROLE_SCOPES["buddy"],
               person_id="00000000-0000-4000-8000-0000000000a1")
SOMEONE_ELSE = "00000000-0000-4000-8000-0000000000a2"


def entrypoints():
    """(service, method name, its Access, how many arguments it takes) of every RPC entrypoint."""
    found = []
    for service in SERVICES:
        cls = service_class(service)
        for name, method in inspect.getmembers(cls, inspect.isfunction):
            if any(isinstance(e, Rpc) for e in getattr(method, "nameko_entrypoints", ())):
                needed = [p for p in list(inspect.signature(method).parameters.values())[1:]
                          if p.default is inspect.Parameter.empty]
                found.append((service, name, getattr(method, "access", None), len(needed)))
    return found


ENTRYPOINTS = entrypoints()
GUARDED = [e for e in ENTRYPOINTS if e[2] is not None and not e[2].open_because]


def ids(entry) -> str:
    return f"{entry[0]}.{entry[1]}"


@pytest.fixture(scope="module")
def platform(config, infrastructure):
    """The five services, in this process, for the whole module."""
    containers = [ServiceContainer(service_class(name), config) for name in SERVICES]
    for container in containers:
        container.start()
    yield
    for container in containers:
        container.stop()


def call(rpc_as, caller, entry):
    service, name, _, needed = entry
    return getattr(getattr(rpc_as(caller), service), name)(*[None] * needed)


def test_every_rpc_entrypoint_says_who_may_call_it():
    assert len(ENTRYPOINTS) > 50
    assert [ids(e) for e in ENTRYPOINTS if e[2] is None] == []
    with pytest.raises(TypeError, match="says who may call it"):
        command(lambda self: None)


@pytest.mark.parametrize("entry", GUARDED, ids=ids)
def test_nobody_is_refused(platform, rpc_as, entry):
    expected = Forbidden if entry[2].service else NotAuthenticated
    with pytest.raises(expected):
        call(rpc_as, None, entry)


@pytest.mark.parametrize("entry", [e for e in GUARDED if not {"own:read", "own:write"} & set(e[2].scopes)],
                         ids=ids)
def test_a_buddy_is_refused_what_is_not_their_own(platform, rpc_as, entry):
    with pytest.raises(Forbidden):
        call(rpc_as, BUDDY, entry)


@pytest.mark.parametrize("service, method, args", [
    ("matching", "list_duos", ({"person_id": SOMEONE_ELSE},)),
    ("matching", "list_duos", ({},)),
    ("matching", "list_proposals", ({"person_id": SOMEONE_ELSE},)),
    ("notifications", "get_opt_out", (SOMEONE_ELSE,)),
    ("notifications", "set_opt_out", (SOMEONE_ELSE, {"opted_out": True})),
])
def test_a_buddy_may_not_name_someone_else(platform, rpc_as, service, method, args):
    with pytest.raises(Forbidden):
        getattr(getattr(rpc_as(BUDDY), service), method)(*args)


def test_a_buddy_reads_their_own_and_only_first_names(platform, rpc_as):
    mine = {"person_id": BUDDY.person_id}
    assert rpc_as(BUDDY).matching.list_duos(mine) == []
    assert rpc_as(BUDDY).matching.list_proposals(mine) == []
    assert rpc_as(BUDDY).notifications.get_opt_out(BUDDY.person_id)["opted_out"] is False
    created = rpc_as(COORDINATOR).intake.submit_application(
        an_application(first_name="Amina", last_name="Haddad"))
    assert rpc_as(BUDDY).intake.names_of([created["person_id"]]) == {
        created["person_id"]: {"first_name": "Amina", "last_name": ""}}
    assert rpc_as(COORDINATOR).intake.names_of([created["person_id"]])[created["person_id"]]["last_name"] == "Haddad"
