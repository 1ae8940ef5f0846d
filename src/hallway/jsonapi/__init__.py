"""The generic Open Event JSON:API engine. It knows no domain: resources are declared on it."""

from hallway.jsonapi.api import JsonApi
from hallway.jsonapi.attachments import Attachment, planned, relate
from hallway.jsonapi.inputs import (
    Attributes,
    Html,
    Int32,
    RequiredWebAddress,
    UtcDatetime,
    WebAddress,
    ZeroIfNull,
)
from hallway.jsonapi.policy import (
    Policy,
    RequestContext,
    Rule,
    anyone,
    authenticated,
    nobody,
    one_of,
    rule,
)
from hallway.jsonapi.resource import Hooks, Resource, ToMany, ToOne
from hallway.jsonapi.visibility import Hidden

__all__ = [
    "Attachment",
    "Attributes",
    "Hidden",
    "Hooks",
    "Html",
    "Int32",
    "JsonApi",
    "Policy",
    "RequestContext",
    "RequiredWebAddress",
    "Resource",
    "Rule",
    "ToMany",
    "ToOne",
    "UtcDatetime",
    "WebAddress",
    "ZeroIfNull",
    "anyone",
    "authenticated",
    "nobody",
    "one_of",
    "planned",
    "relate",
    "rule",
]
