"""POST / PATCH / DELETE handlers. Each runs inside the request's one transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from hallway.errors import CHANGED_MEANWHILE, Conflict, ObjectNotFound, ValidationFailed
from hallway.jsonapi.body import ResourceInput, linkage, read_document, resource_input
from hallway.jsonapi.http import check_if_match
from hallway.jsonapi.ids import row_id
from hallway.jsonapi.policy import authorize
from hallway.jsonapi.reads import Call, document_for_rows, linkage_document
from hallway.jsonapi.resource import Relationship, Resource
from hallway.jsonapi.serialize import JSONAPI, compound, encode, row_of
from hallway.jsonapi.visibility import view_of

DELETED = {"meta": {"message": "Object successfully deleted"}, "jsonapi": JSONAPI}


async def create(call: Call, under: tuple[str, str] | None = None) -> tuple[dict[str, Any], str]:
    """`under` (a to-one's wire name, the id of its object) links the new object to the
    parent its URL names (`POST /v1/<parents>/<id>/<children>`)."""
    resource = call.resource
    assert resource.create is not None
    document = await read_document(call.request)
    given = resource_input(document, resource, resource.create, creating=True)
    if under is not None:
        _link_parent(resource, given, *under)
    for rel in resource.relations.values():
        if rel.required and given.relationships.get(rel.wire) is None:
            raise ValidationFailed(
                f"{rel.wire!r} is required", pointer=f"/data/relationships/{rel.wire}"
            )
    hooks = resource.hooks
    if hooks.build:
        obj = await hooks.build(call.ctx, given.attributes)
    else:
        obj = resource.model(**given.attributes)
    await apply_relationships(call, resource, obj, given)
    await authorize(call.ctx, resource.policy.rule_for("create"), obj, "create")
    if hooks.before_create:
        await hooks.before_create(call.ctx, obj)
    call.ctx.session.add(obj)
    await flush(call)
    if hooks.after_create:
        await hooks.after_create(call.ctx, obj)
        await flush(call)
    row = await reread(call, resource, obj)
    data, included = await document_for_rows(call, resource, [row])
    self_link = resource.self_link(row[0])
    return compound(data[0], included=included, links={"self": self_link}), self_link


def _link_parent(resource: Resource, given: ResourceInput, wire: str, parent_id: str) -> None:
    named = given.relationships.get(wire)  # a to-one's linkage: the id it names, or None
    if named is None:
        given.relationships[wire] = parent_id
    elif named != parent_id:
        raise Conflict(
            f"{wire!r} names another {resource.relations[wire].type} than the URL",
            pointer=f"/data/relationships/{wire}",
        )


async def update(call: Call, key: str) -> dict[str, Any]:
    resource = call.resource
    assert resource.update is not None
    call.check_trash_access()
    obj = await call.repo.one_object(resource, key, trashed=call.query.get_trashed)
    # Who may not change the object learns nothing about it or about their input.
    await authorize(call.ctx, resource.policy.rule_for("update"), obj, "update")
    await check_current(call, resource, obj)
    document = await read_document(call.request)
    given = resource_input(document, resource, resource.update, creating=False)
    check_same_object(resource, obj, given.id)
    if not await restore_or_trash(call, resource, obj, document):
        await _change(call, resource, obj, given)
    await flush(call)
    row = await reread(call, resource, obj)
    data, included = await document_for_rows(call, resource, [row])
    return compound(data[0], included=included, links={"self": call.path})


async def delete(call: Call, key: str) -> dict[str, Any]:
    resource = call.resource
    call.check_trash_access()
    obj = await call.repo.one_object(resource, key, trashed=call.query.get_trashed)
    await authorize(call.ctx, resource.policy.rule_for("delete"), obj, "delete")
    await check_current(call, resource, obj)
    if resource.hooks.before_delete:
        await resource.hooks.before_delete(call.ctx, obj)
    if resource.soft_delete and not call.query.permanent:
        if obj.deleted_at is None:
            obj.deleted_at = datetime.now(UTC)
    else:
        if resource.soft_delete:
            await authorize(call.ctx, resource.policy.rule_for("trash"), obj, "delete permanently")
        await call.ctx.session.delete(obj)
    await flush(call)
    return DELETED


def check_same_object(resource: Resource, obj: Any, given_id: str | None) -> None:
    """The body id may be the numeric id or the string identifier of the object in the URL."""
    accepted = {str(getattr(obj, resource.pk.key))}
    if resource.identifier:
        accepted.add(str(getattr(obj, resource.identifier)))
    if given_id not in accepted:
        raise Conflict(
            "the id in the document does not match the object in the URL", pointer="/data/id"
        )


async def check_current(call: Call, resource: Resource, obj: Any) -> None:
    """If-Match names the document a GET of this URL gave this caller (fields hidden from
    them are not in it, so they cannot be guessed through ETags)."""
    if call.request.headers.get("if-match"):
        serializer = call.api.serializer(resource)
        # Inside the session's greenlet: reading a deferred column of the object loads it.
        row = await call.ctx.session.run_sync(lambda _: row_of(resource, obj))
        view = await view_of(call.ctx, resource, serializer, None)
        data = serializer.resource_object(row, None if view is None else view(row))
        current = compound(data, links={"self": call.path})
        check_if_match(call.request, encode(current))


async def _change(call: Call, resource: Resource, obj: Any, given: ResourceInput) -> None:
    if resource.hooks.apply:
        await resource.hooks.apply(call.ctx, obj, given.attributes)
    else:
        for name, value in given.attributes.items():
            setattr(obj, name, value)
    await apply_relationships(call, resource, obj, given)
    await authorize(call.ctx, resource.policy.rule_for("update"), obj, "update")
    if resource.hooks.before_update:
        await resource.hooks.before_update(call.ctx, obj)


async def restore_or_trash(
    call: Call, resource: Resource, obj: Any, document: dict[str, Any]
) -> bool:
    """`deleted-at: null` restores a trashed object; a timestamp trashes a live one, exactly
    as DELETE does (its rule and its `before_delete` checks and effects), and nothing else of
    the body is applied then. True when the object was trashed."""
    attributes = document["data"].get("attributes") or {}
    if not resource.soft_delete or "deleted-at" not in attributes:
        return False
    wanted = attributes["deleted-at"]
    if wanted is None and obj.deleted_at is not None:
        await authorize(call.ctx, resource.policy.rule_for("trash"), obj, "restore")
        obj.deleted_at = None
    elif wanted is not None and obj.deleted_at is None:
        await authorize(call.ctx, resource.policy.rule_for("delete"), obj, "delete")
        if resource.hooks.before_delete:
            await resource.hooks.before_delete(call.ctx, obj)
        obj.deleted_at = datetime.now(UTC)
        return True
    return False


async def apply_relationships(
    call: Call, resource: Resource, obj: Any, given: ResourceInput
) -> None:
    for wire, ids in given.relationships.items():
        await set_relationship(
            call, resource.relations[wire], obj, ids, f"/data/relationships/{wire}"
        )


async def set_relationship(call: Call, rel: Relationship, obj: Any, ids: Any, pointer: str) -> None:
    if rel.many:
        targets = await load_targets(call, rel, ids, pointer)
        collection = await _collection(call, obj, rel)
        collection.clear()
        collection.extend(targets)
        return
    if ids is None:
        if rel.required:
            raise ValidationFailed(f"{rel.wire!r} cannot be emptied", pointer=pointer)
        setattr(obj, rel.fk_key, None)
        return
    (target,) = await load_targets(call, rel, [ids], pointer)
    target_resource = call.api.resource(rel.type)
    setattr(obj, rel.fk_key, getattr(target, target_resource.pk.key))


async def load_targets(call: Call, rel: Relationship, ids: list[str], pointer: str) -> list[Any]:
    """Related objects named in a body; each must exist and be visible to the caller."""
    target = call.api.resource(rel.type)
    if not ids:
        return []
    numeric = []
    for id_ in ids:
        number = row_id(target.pk, id_)
        if number is None:
            raise ObjectNotFound(f"{target.type} {id_!r} not found", pointer=pointer)
        numeric.append(number)
    stmt = select(target.model).where(
        target.pk.in_(numeric), *await call.repo.scope(target, "view")
    )
    found = {getattr(o, target.pk.key): o for o in (await call.ctx.session.scalars(stmt)).all()}
    missing = [i for i in numeric if i not in found]
    if missing:
        raise ObjectNotFound(f"{target.type} {missing[0]} not found", pointer=pointer)
    return [found[i] for i in dict.fromkeys(numeric)]


async def _collection(call: Call, obj: Any, rel: Relationship) -> Any:
    return await call.ctx.session.run_sync(lambda _: getattr(obj, rel.prop.key))


async def change_relationship(call: Call, key: str, rel: Relationship) -> dict[str, Any]:
    """PATCH replaces, POST adds to and DELETE removes from a relationship."""
    resource = call.resource
    obj = await call.repo.one_object(resource, key)
    await authorize(call.ctx, resource.policy.rule_for(rel.name), obj, f"change {rel.wire}")
    document = await read_document(call.request)
    pointer = "/data"
    ids = linkage(rel, document, "")
    method = call.request.method
    if method == "PATCH":
        await set_relationship(call, rel, obj, ids, pointer)
    else:
        targets = await load_targets(call, rel, ids, pointer)
        collection = await _collection(call, obj, rel)
        for target in targets:
            if method == "POST" and target not in collection:
                collection.append(target)
            elif method == "DELETE" and target in collection:
                collection.remove(target)
    await authorize(call.ctx, resource.policy.rule_for(rel.name), obj, f"change {rel.wire}")
    # A relationship endpoint changes the object as a PATCH of it would: the same checks.
    if resource.hooks.before_update:
        await resource.hooks.before_update(call.ctx, obj)
    await flush(call)
    row = await reread(call, resource, obj)
    return await linkage_document(call, resource, row, rel)


async def flush(call: Call) -> None:
    await flush_session(call.ctx.session)


async def flush_session(session: AsyncSession) -> None:
    """Write the session's changes; what the database refuses is a 4xx that names why (a
    hook that must write before it goes on flushes through here too)."""
    try:
        await session.flush()
    except IntegrityError as exc:
        message = str(exc.orig).lower()
        if "unique" in message or "duplicate" in message:
            raise Conflict("this conflicts with an existing object") from None
        raise ValidationFailed(
            "the change is refused: other data depends on this object or a required value is "
            "missing",
            pointer="/data",
        ) from None
    except DataError:
        raise ValidationFailed("a value is out of range or malformed", pointer="/data") from None
    except StaleDataError:
        raise Conflict(CHANGED_MEANWHILE) from None
    except StatementError as exc:
        if isinstance(exc.orig, (OverflowError, ValueError)):
            raise ValidationFailed("a value is out of range", pointer="/data") from None
        raise


async def reread(call: Call, resource: Resource, obj: Any) -> tuple[Any, ...]:
    """The stored row of `obj`, with server-side defaults, in document column order."""
    by_pk = call.repo.api.statements(resource).by_pk
    found = await call.repo.rows(by_pk, {"_key": getattr(obj, resource.pk.key)})
    if not found:
        raise ObjectNotFound(f"{resource.type} not found")
    return found[0]
