"""The session state machine: which state each kind of caller may move a session to.

The tables are enforced on every change, whatever the session's schedule (the reference
server skipped them for sessions without an end); they are also served, as they are here, at
`GET /v1/sessions/states`."""

from __future__ import annotations

from hallway.sessions.models import (
    ACCEPTED,
    CANCELED,
    CONFIRMED,
    DRAFT,
    PENDING,
    REJECTED,
    STATES,
    WITHDRAWN,
)

# A speaker submits a draft, and may withdraw a submission at any time; withdrawn is final.
SPEAKER: dict[str, dict[str, bool]] = {
    DRAFT: {PENDING: True},
    **{state: {WITHDRAWN: True} for state in (PENDING, ACCEPTED, CONFIRMED, REJECTED, CANCELED)},
    WITHDRAWN: {},
}
# The event's team reviews submissions: a draft is the speaker's until submitted, and a
# reviewed session may move to any other reviewed state (withdrawing is the speaker's act).
_REVIEWED = (PENDING, ACCEPTED, CONFIRMED, REJECTED, CANCELED)
ORGANIZER: dict[str, dict[str, bool]] = {
    DRAFT: {},
    **{
        state: {target: True for target in _REVIEWED if target != state}
        for state in (*_REVIEWED, WITHDRAWN)
    },
}
TABLES = {"speaker": SPEAKER, "organizer": ORGANIZER}
# The states a speaker may create a session in; the team may create one in any state.
SPEAKER_INITIAL = (DRAFT, PENDING)

assert set(SPEAKER) == set(ORGANIZER) == set(STATES)


def may_move(old: str, new: str, *, team: bool, speaker: bool) -> bool:
    """Whether a caller (of the event's team, a speaker of the session, or both) may move a
    session from `old` to `new`."""
    if old == new:
        return True
    return (team and ORGANIZER[old].get(new, False)) or (speaker and SPEAKER[old].get(new, False))
