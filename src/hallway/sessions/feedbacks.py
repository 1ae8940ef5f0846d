"""Feedback: a signed-in user rates an event or one of its sessions (0 to 5, by halves) and
may comment; one feedback per user and session. The author, the event's team and admins
read it; the author changes it; the author and the team delete it."""

from __future__ import annotations

from sqlalchemy import exists, inspect, select

from hallway.auth.policy import actor_of, is_admin, is_self
from hallway.errors import Conflict, ValidationFailed
from hallway.jsonapi import Policy, RequestContext, authenticated
from hallway.roles.policy import COORGANIZERS, event_role
from hallway.sessions.models import Feedback, Session

_author = is_self("user_id")
_team = event_role(*COORGANIZERS) | is_admin
reads_feedback = _author | _team
feedback_policy = Policy(
    list=reads_feedback,
    view=reads_feedback,
    create=authenticated,
    update=_author,
    delete=_author | _team,
    relationships={"event": _author, "session": _author},
)


async def prepare_feedback(ctx: RequestContext, feedback: Feedback) -> None:
    """Exactly one of an event or a session (whose event it then is too); the author is the
    caller; one feedback per user and session."""
    actor = actor_of(ctx)
    assert actor is not None
    feedback.user_id = actor.id
    given_event = feedback.event_id
    if (given_event is None) == (feedback.session_id is None):
        raise ValidationFailed(
            "a feedback is on an event or on a session (exactly one)",
            pointer="/data/relationships/session",
        )
    if feedback.session_id is not None:
        event_id = await ctx.session.scalar(
            select(Session.event_id).where(Session.id == feedback.session_id)
        )
        assert event_id is not None  # the session was found visible
        feedback.event_id = event_id
        taken = await ctx.session.scalar(
            select(
                exists().where(
                    Feedback.session_id == feedback.session_id, Feedback.user_id == actor.id
                )
            )
        )
        if taken:
            raise Conflict(
                "You already gave feedback on this session",
                pointer="/data/relationships/session",
            )


async def keep_target(ctx: RequestContext, feedback: Feedback) -> None:
    """A feedback stays on what it was given about."""
    attrs = inspect(feedback).attrs
    for name in ("event_id", "session_id"):
        history = attrs[name].history
        if history.deleted and history.deleted[0] != getattr(feedback, name):
            raise ValidationFailed(
                "a feedback stays on what it was given about",
                pointer=f"/data/relationships/{name.removesuffix('_id')}",
            )
