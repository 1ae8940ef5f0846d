"""Every mail template renders a subject, a text part and an escaped HTML part."""

from __future__ import annotations

import pytest

from hallway.mail.render import (
    BrokenMailTemplate,
    UnknownMailTemplate,
    render_body,
    render_subject,
)

CONTEXTS = {
    "verify_email": {
        "app_name": "Hallway",
        "user_name": "Ann",
        "verify_url": "https://h.test/verify?a=1&b=2",
    },
    "reset_password": {
        "app_name": "Hallway",
        "user_name": "Ann",
        "reset_url": "https://h.test/reset?a=1&b=2",
        "expires_minutes": 60,
    },
    "email_changed": {
        "app_name": "Hallway",
        "user_name": "Ann",
        "old_email": "old@h.test",
        "new_email": "new@h.test",
    },
    "password_changed": {"app_name": "Hallway", "user_name": "Ann"},
}


@pytest.mark.parametrize("template", sorted(CONTEXTS))
def test_template_renders_every_context_value(template):
    context = CONTEXTS[template]

    body = render_body(template, context)

    assert "Hallway" in body.subject and "\n" not in body.subject
    assert body.text.startswith("Hello Ann,")
    assert "<p>Hello Ann,</p>" in body.html
    for value in context.values():
        assert str(value) in body.text
        assert str(value).replace("&", "&amp;") in body.html


def test_html_is_escaped_and_text_is_not():
    context = CONTEXTS["email_changed"] | {"user_name": "<script>x</script> & co"}

    body = render_body("email_changed", context)

    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in body.html
    assert "<script>" not in body.html
    assert "Hello <script>x</script> & co," in body.text


def test_subject_is_one_line_and_not_escaped():
    subject = render_subject("password_changed", {"app_name": "Tom & Co\r\nBcc: x@y"})

    assert subject == "Your Tom & Co Bcc: x@y password was changed"


def test_missing_context_key_is_an_error():
    with pytest.raises(BrokenMailTemplate, match="undefined"):
        render_body("reset_password", {"app_name": "Hallway", "user_name": "Ann"})


def test_unknown_template_is_an_error():
    with pytest.raises(UnknownMailTemplate):
        render_subject("_layout", {})
