"""A conversation's saved route is exactly the router's own JSON of it."""

from __future__ import annotations

import json

from flows.conversation import Conversation
from flows.routing import get_router
from flows.routing_types import RouteRequest


def test_a_saved_route_is_the_routers_json_of_it() -> None:
    route = get_router().route(RouteRequest(categories=("poverty", "elderly_care"),
                                            emergency=True, area="mizuhashi_kita"))
    saved = Conversation(route=route).to_json()["route"]
    assert saved == json.loads(json.dumps(route.to_json(), ensure_ascii=False))
    assert Conversation.from_json(Conversation(route=route).to_json()).route == route
