"""`group`: `/v1/groups`, each group, its owner (`/v1/groups/{id}/user`), its events and its
followers; `user-follow-group`: `/v1/user-follow-groups`, a user following a group. What groups
add to users: `/v1/users/{id}/groups` and `/v1/users/{id}/followed-groups`."""

from __future__ import annotations

from hallway.groups import service
from hallway.groups.models import Group, UserFollowGroup, follows_of, groups_of
from hallway.groups.policy import follow_policy, group_policy, group_profile
from hallway.groups.schemas import FollowCreate, GroupCreate, GroupUpdate
from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne

ATTRIBUTES = (
    "name",
    "about",
    "logo_url",
    "banner_url",
    "thumbnail_image_url",
    "social_links",
    "is_promoted",
    "follower_count",
    "created_at",
    "deleted_at",
)


def group_resource() -> Resource:
    return Resource(
        type="group",
        model=Group,
        attributes=ATTRIBUTES,
        create=GroupCreate,
        update=GroupUpdate,
        relationships={
            "user": ToOne("user"),
            # The event declares its group (events.group_id); the group's owner may also
            # gather the events they organize from this side, as the frontend's group form does.
            "events": ToMany("event", writable=True),
            "followers": ToMany("user-follow-group"),
        },
        filters=(
            "name",
            "about",
            "is_promoted",
            "created_at",
            "deleted_at",
            "user",
            "events",
            "followers",
        ),
        sorts=("name", "created_at", "is_promoted", "follower_count"),
        soft_delete=True,
        policy=group_policy,
        hooks=Hooks(
            build=service.build_group,
            before_create=service.check_events,
            apply=service.apply_changes,
            before_update=service.check_events,
        ),
    )


def follow_resource() -> Resource:
    return Resource(
        type="user-follow-group",
        model=UserFollowGroup,
        attributes=("created_at",),
        create=FollowCreate,
        relationships={
            "user": ToOne("user", writable=True),
            "group": ToOne("group", writable=True, required=True),
        },
        filters=("created_at", "user", "group"),
        sorts=("created_at",),
        policy=follow_policy,
        hooks=Hooks(build=service.build_follow, before_create=service.refuse_second_follow),
    )


def group_attachments() -> list[Attachment]:
    """A user's groups and follows; the public profiles groups show (owners, fellow members)."""
    return [
        Attachment(
            "user",
            relationships={
                "groups": ToMany("group", orm=groups_of),
                "followed_groups": ToMany("user-follow-group", orm=follows_of),
            },
            readable=group_profile,
        )
    ]
