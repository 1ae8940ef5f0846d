"""Every notification stored is pushed to its user's open connections once the transaction
that created it has committed (a rolled-back one never leaves); the payload is the
notification's JSON:API document, as `GET /v1/notifications/{id}` answers it."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.orm import Mapper, object_session

from hallway.aftercommit import on_commit
from hallway.notifications.models import Notification
from hallway.realtime.hub import push

EVENT = "notification"
ATTRIBUTES = ("title", "message", "is_read", "actions", "content", "received_at")


def document_of(notification: Notification) -> dict[str, Any]:
    base = f"/v1/notifications/{notification.id}"
    user = {"type": "user", "id": str(notification.user_id)}
    data = {
        "type": "notification",
        "id": str(notification.id),
        "attributes": {name.replace("_", "-"): getattr(notification, name) for name in ATTRIBUTES},
        "relationships": {
            "user": {
                "links": {"self": f"{base}/relationships/user", "related": f"{base}/user"},
                "data": user,
            }
        },
        "links": {"self": base},
    }
    # Encoded as the API encodes it (dates included), then plain values for Socket.IO.
    document: dict[str, Any] = orjson.loads(
        orjson.dumps({"data": data, "links": {"self": base}, "jsonapi": {"version": "1.0"}})
    )
    return document


def _stored(mapper: Mapper[Any], connection: Any, notification: Notification) -> None:
    session = object_session(notification)
    if session is None:
        return
    user_id, document = notification.user_id, document_of(notification)
    on_commit(session, lambda: push(user_id, EVENT, document))


event.listen(Notification, "after_insert", _stored)
