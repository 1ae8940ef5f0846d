"""Make the account the accounts benchmark logs in with, and print its id.

DATABASE_URL=... uv run python bench/seed_accounts.py EMAIL PASSWORD

The schema comes from `uv run hallway migrate` (which also seeds the roles). The account is an
ordinary verified user, so `GET /v1/users/{id}` takes the "own account" path of the policy, not
the admin one. Running it again resets the password and unblocks the account.
"""

from __future__ import annotations

import asyncio
import os
import sys

from sqlalchemy import func, select

from hallway.auth.passwords import hash_password
from hallway.config import normalize_database_url
from hallway.db import Database
from hallway.users.models import User

DEFAULT_URL = "postgresql://hallway:hallway@127.0.0.1/hallway_bench_accounts"


async def ensure_user(url: str, email: str, password: str) -> int:
    db = Database(url)
    try:
        async with db.sessions() as session, session.begin():
            found = select(User).where(func.lower(User.email) == email.lower())
            user = (await session.scalars(found)).first()
            if user is None:
                user = User(email=email, password_hash="")
                session.add(user)
            user.password_hash = await hash_password(password)
            user.is_verified, user.is_blocked = True, False
            user.is_admin = user.is_super_admin = False
            user.tokens_valid_after = user.deleted_at = None
            await session.flush()
            return user.id
    finally:
        await db.dispose()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: seed_accounts.py EMAIL PASSWORD")
    url = normalize_database_url(os.environ.get("DATABASE_URL", DEFAULT_URL))
    print(asyncio.run(ensure_user(url, sys.argv[1], sys.argv[2])))


if __name__ == "__main__":
    main()
