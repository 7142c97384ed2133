"""Matching: the pool, explained suggestions, the whole-pool proposal, proposals, weights."""
from flask_smorest import Blueprint

from gateway import remote
from gateway.api import BEARER, edge_input, respond
from gateway.api.paging import filters_only, page, page_of, paged_query
from gateway.auth import coordinator_api
from gateway.explain import worded
from services.shared.wire import matching as wire

blp = Blueprint("matching", __name__, url_prefix="/api/v1/matching", description="Matching")


@blp.route("/candidates", methods=["GET"])
@blp.arguments(paged_query(wire.CandidateFilter), location="query")
@blp.response(200, page_of(wire.CandidateView))
@blp.doc(security=BEARER)
@coordinator_api
def candidates(query):
    """The pool, longest-waiting first: waiting by default (`status=all` for everyone)."""
    return respond(page(remote.call("matching", "list_candidates", filters_only()), query))


@blp.route("/candidates/<person_id>/capacity", methods=["PUT"])
@blp.arguments(wire.CapacityInput)
@blp.response(200, wire.CandidateView)
@blp.alt_response(404, description="No such buddy in the pool")
@blp.doc(security=BEARER)
@coordinator_api
def capacity(_capacity, person_id):
    """How many duos a buddy takes on at once (one by default)."""
    return respond(remote.call("matching", "set_capacity", person_id, edge_input()))


@blp.route("/suggestions", methods=["GET"])
@blp.arguments(wire.SuggestionQuery, location="query")
@blp.response(200, wire.Suggestions)
@blp.alt_response(404, description="The person is not in the pool")
@blp.doc(security=BEARER)
@coordinator_api
def suggestions(_query):
    """Ranked partners for one pooled person, each with its score criterion by criterion and a
    sentence; and everyone excluded, with the constraints that excluded them."""
    return respond(worded(remote.call("matching", "suggest", edge_input())))


@blp.route("/proposal", methods=["POST"])
@blp.arguments(wire.DraftInput)
@blp.response(200, wire.Draft)
@blp.alt_response(409, description="A locked pair is no longer in the pool")
@blp.doc(security=BEARER)
@coordinator_api
def draft(_draft):
    """The whole-pool draft: the pairs with the highest total score (an exact optimum), keeping
    `locked` pairs and leaving out `forbidden` ones. Nothing is stored: accept a pair by
    proposing it (POST /proposals with `from_draft: true`)."""
    return respond(remote.call("matching", "draft_proposal", edge_input()))


@blp.route("/proposals", methods=["POST"])
@blp.arguments(wire.ProposeInput)
@blp.response(201, wire.ProposalView)
@blp.alt_response(404, description="The buddy or the participant is not in the pool")
@blp.alt_response(409, description="A constraint excludes the pair, or someone is taken")
@blp.doc(security=BEARER)
@coordinator_api
def propose(_pair):
    """Propose one pair; both are told in their own language. A pair other than the
    participant's top suggestion needs a `reason`, which is kept."""
    return respond(remote.call("matching", "propose", edge_input()), 201)


@blp.route("/proposals", methods=["GET"])
@blp.arguments(paged_query(wire.ProposalFilter), location="query")
@blp.response(200, page_of(wire.ProposalView))
@blp.doc(security=BEARER)
@coordinator_api
def proposals(query):
    """Proposals, newest first (`status=open` for those still waiting for answers)."""
    return respond(page(remote.call("matching", "list_proposals", filters_only()), query))


@blp.route("/proposals/<proposal_id>", methods=["GET"])
@blp.response(200, wire.ProposalView)
@blp.alt_response(404, description="No such proposal")
@blp.doc(security=BEARER)
@coordinator_api
def proposal(proposal_id):
    """One proposal, with its score breakdown and the answers so far."""
    return respond(remote.call("matching", "get_proposal", proposal_id))


@blp.route("/proposals/<proposal_id>/introduction", methods=["POST"])
@blp.arguments(wire.IntroductionInput)
@blp.response(200, wire.ProposalView)
@blp.alt_response(409, description="The proposal is no longer open")
@blp.doc(security=BEARER)
@coordinator_api
def introduction(_meeting, proposal_id):
    """Plan (or move) the introduction meeting; both get an invitation with a calendar file
    and the link to the info pack in their language."""
    return respond(remote.call("matching", "plan_introduction", proposal_id, edge_input()))


@blp.route("/proposals/<proposal_id>/answers", methods=["POST"])
@blp.arguments(wire.AnswerInput)
@blp.response(200, wire.ProposalView)
@blp.alt_response(409, description="The proposal is no longer open")
@blp.doc(security=BEARER)
@coordinator_api
def answer(_answer, proposal_id):
    """Record one side's yes or no (a no needs a reason). Two yeses form the duo
    (`duo_formed`); a no puts both back in the pool and remembers the pair (`match_declined`)."""
    return respond(remote.call("matching", "record_answer", proposal_id, edge_input()))


@blp.route("/weights", methods=["GET"])
@blp.response(200, wire.WeightsView)
@blp.doc(security=BEARER)
@coordinator_api
def weights():
    """The weight of each criterion and the furthest distance, with their defaults."""
    return respond(remote.call("matching", "get_weights"))


@blp.route("/weights", methods=["PUT"])
@blp.arguments(wire.WeightsInput)
@blp.response(200, wire.WeightsView)
@blp.doc(security=BEARER)
@coordinator_api
def tune(_weights):
    """Tune some weights (0–100) and/or the furthest distance (km); the rest stay."""
    return respond(remote.call("matching", "tune_weights", edge_input()))


@blp.route("/weights", methods=["DELETE"])
@blp.response(200, wire.WeightsView)
@blp.doc(security=BEARER)
@coordinator_api
def reset():
    """Back to the default weights and distance."""
    return respond(remote.call("matching", "reset_weights"))
