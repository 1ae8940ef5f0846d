"""`station` (`/v1/stations`, `POST /v1/station`, under events and microlocations),
`user_check_in` (`/v1/user-check-in`, under events) and `station-store-pax`
(`/v1/station-store-paxs`, under stations and sessions)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.stations import service
from hallway.stations.models import (
    Station,
    StationStorePax,
    UserCheckIn,
    check_ins_at,
    check_ins_of,
    paxs_of,
    stations_of,
)
from hallway.stations.policy import check_in_policy, pax_policy, station_policy
from hallway.stations.schemas import (
    StationCreate,
    StationStorePaxCreate,
    StationStorePaxUpdate,
    StationUpdate,
    UserCheckInCreate,
)


def station_resource() -> Resource:
    return Resource(
        type="station",
        model=Station,
        attributes=("station_name", "station_type"),
        create=StationCreate,
        update=StationUpdate,
        relationships={
            "event": ToOne("event", writable=True, required=True),
            "microlocation": ToOne("microlocation", writable=True),
        },
        filters=("station_name", "station_type", "event", "microlocation"),
        sorts=("station_name", "station_type", "id"),
        policy=station_policy,
        hooks=Hooks(before_create=service.check_station, before_update=service.check_station),
    )


def _succeeded(row: Mapping[str, Any]) -> bool:
    return True  # a check-in the rules refused is never stored


def user_check_in_resource() -> Resource:
    return Resource(
        type="user_check_in",
        model=UserCheckIn,
        path="user-check-in",
        attributes=("message", "created_at"),
        computed={"success": _succeeded},
        create=UserCheckInCreate,
        relationships={
            "ticket_holder": ToOne("attendee", writable=True, required=True),
            "station": ToOne("station", writable=True, required=True),
            "session": ToOne("session", writable=True),
        },
        filters=("station_type", "day", "created_at", "station", "session", "ticket_holder"),
        sorts=("created_at", "id"),
        policy=check_in_policy,
        hooks=Hooks(before_create=service.check_in),
    )


def station_store_pax_resource() -> Resource:
    return Resource(
        type="station-store-pax",
        model=StationStorePax,
        path="station-store-paxs",
        attributes=("current_pax", "created_at", "modified_at"),
        create=StationStorePaxCreate,
        update=StationStorePaxUpdate,
        relationships={
            "station": ToOne("station", writable=True, required=True),
            "session": ToOne("session", writable=True),
        },
        filters=("current_pax", "created_at", "modified_at", "station", "session"),
        sorts=("created_at", "modified_at", "current_pax", "id"),
        policy=pax_policy,
        hooks=Hooks(before_create=service.check_pax, before_update=service.check_pax),
    )


def station_resources() -> list[Resource]:
    return [station_resource(), user_check_in_resource(), station_store_pax_resource()]


def station_attachments() -> list[Attachment]:
    return [
        relate(
            "event",
            stations=ToMany("station", orm=stations_of),
            station=ToMany("station", attr="station", orm=stations_of),
            user_check_in=ToMany("user_check_in", orm=check_ins_of),
        ),
        relate(
            "microlocation",
            stations=ToMany("station", orm=stations_of),
            user_check_in=ToMany("user_check_in", orm=check_ins_at),
        ),
        relate("session", station_store_paxs=ToMany("station-store-pax", orm=paxs_of)),
        relate("station", station_store_paxs=ToMany("station-store-pax", orm=paxs_of)),
    ]
