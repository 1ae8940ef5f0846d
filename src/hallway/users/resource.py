"""The `user` resource: `/v1/users`, each account and its relationships."""

from __future__ import annotations

from hallway.jsonapi import Hooks, Resource
from hallway.users import service
from hallway.users.fields import PRIVATE_PROFILE, PUBLIC_PROFILE
from hallway.users.models import User
from hallway.users.policy import hidden_attributes, user_policy
from hallway.users.schemas import UserCreate, UserUpdate

ATTRIBUTES = (
    "email",
    *PUBLIC_PROFILE,
    *PRIVATE_PROFILE,
    "is_profile_public",
    "is_verified",
    "is_blocked",
    "is_admin",
    "is_super_admin",
    "is_sales_admin",
    "is_marketer",
    "was_registered_with_order",
    "is_rocket_chat_registered",
    "last_accessed_at",
    "created_at",
    "deleted_at",
)


def user_resource() -> Resource:
    return Resource(
        type="user",
        model=User,
        attributes=ATTRIBUTES,
        create=UserCreate,
        update=UserUpdate,
        filters=(
            "email",
            "first_name",
            "last_name",
            "is_verified",
            "is_admin",
            "is_super_admin",
            "is_sales_admin",
            "is_marketer",
            "is_blocked",
            "created_at",
            "deleted_at",
        ),
        sorts=("email", "first_name", "last_name", "created_at"),
        soft_delete=True,
        policy=user_policy,
        hidden=hidden_attributes,
        hooks=Hooks(
            build=service.sign_up,
            after_create=service.after_sign_up,
            apply=service.apply_changes,
            before_delete=service.anonymise,
        ),
    )
