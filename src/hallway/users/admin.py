"""Creating the first super admin from the command line."""

from __future__ import annotations

from hallway.auth.passwords import MIN_LENGTH, hash_password
from hallway.db import Database
from hallway.users.models import User
from hallway.users.service import find_by_email


async def ensure_super_admin(database_url: str, email: str, password: str) -> bool:
    """Create a verified super admin, or promote the existing account; True when created."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"the password needs at least {MIN_LENGTH} characters")
    if "@" not in email:
        raise ValueError("that is not an e-mail address")
    db = Database(database_url)
    try:
        async with db.sessions() as session, session.begin():
            user = await find_by_email(session, email)
            created = user is None
            if user is None:
                user = User(email=email.strip(), password_hash=await hash_password(password))
                session.add(user)
            else:
                user.password_hash = await hash_password(password)
            user.is_super_admin = user.is_admin = user.is_verified = True
            user.is_blocked = False
        return created
    finally:
        await db.dispose()
