"""Setup hooks for the Pages group: admins write pages, anyone reads them."""

from __future__ import annotations

import copy
from typing import Any

from tests.contract.blueprint import load
from tests.contract.scene import Plan, Scene, hook

PAGE = {"name": "How it works", "url": "/how-it-works", "place": "footer", "index": 0}


async def _page(scene: Scene) -> tuple[str, dict[str, Any]]:
    admin = await scene.admin()
    page = await scene.create(admin.token, "/v1/pages", "page", **PAGE)
    return admin.token, page


def _listed_as_pages() -> Any:
    """Blueprint mistake: the documented list of pages says type 'image-size' for each page
    (copied from the image sizes docs); every other page answer says 'page'."""
    (transaction,) = [t for t in load(("Pages",)) if t.id == "Pages::Page Sizes"]
    documented = copy.deepcopy(transaction.response.json())
    for item in documented["data"]:
        item["type"] = "page"
    return documented


@hook("Pages::Page Sizes", requires=("page",))
async def pages_exist(scene: Scene) -> Plan:
    await _page(scene)
    reader = await scene.account()
    return Plan(token=reader.token, body=_listed_as_pages())


@hook("Pages::Create Page", requires=("page",))
async def an_admin_writes(scene: Scene) -> Plan:
    return Plan(token=(await scene.admin()).token)


@hook("Pages::Get Page Details", requires=("page",))
async def a_page(scene: Scene) -> Plan:
    _, page = await _page(scene)
    reader = await scene.account()
    return Plan(token=reader.token, params={"page_id": page["id"]})


@hook("Pages::Update Page", requires=("page",))
@hook("Pages::Delete Page", requires=("page",))
async def an_admin_changes_a_page(scene: Scene) -> Plan:
    token, page = await _page(scene)
    return Plan(token=token, params={"page_id": page["id"]}, ids={"page": page["id"]})
