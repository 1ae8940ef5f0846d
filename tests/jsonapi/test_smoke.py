from tests.jsonapi.helpers import make_author, make_book, make_tag


async def test_create_and_list(client):
    author = await make_author(client, "Ann", email="ann@example.com")
    tag = await make_tag(client, "poetry")
    await make_book(client, author["id"], "First", tags=[tag["id"]])
    r = await client.get("/v1/authors?include=books.tags")
    print(r.json())
    assert r.status_code == 200
