"""Setup hooks for the Activity group: admins read the audit log (a login is recorded)."""

from __future__ import annotations

from sqlalchemy import func, select

from hallway.activity.models import Activity
from tests.contract.scene import Plan, Scene, hook


async def _latest(scene: Scene) -> str:
    """The id of the newest activity (the admin's login)."""
    async with scene.db.sessions() as session:
        newest = await session.scalar(select(func.max(Activity.id)))
    assert newest is not None
    return str(newest)


@hook("Activity::List all Activities", requires=("activity",))
async def activities_exist(scene: Scene) -> Plan:
    admin = await scene.admin()  # its login is an activity
    return Plan(token=admin.token)


@hook("Activity::Get Activity Details", requires=("activity",))
async def an_activity(scene: Scene) -> Plan:
    admin = await scene.admin()
    return Plan(token=admin.token, params={"activity_id": await _latest(scene)})
