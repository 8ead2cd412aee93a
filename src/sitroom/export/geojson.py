"""GeoJSON (RFC 7946): a FeatureCollection with one Point feature per geocoded event.

Positions are [longitude, latitude] in WGS 84, as RFC 7946 requires (no ``crs`` member).
Events without coordinates cannot be a Feature and are left out; the writer reports how
many. Properties are the flat ACLED-style row, so a GIS tool can style by event_type,
fatalities or independent_sources without parsing nested JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sitroom.export.acled import acled_row
from sitroom.export.records import ExportEvent


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def feature(e: ExportEvent) -> dict[str, Any] | None:
    lat, lon = e.row.get("location_lat"), e.row.get("location_lon")
    if lat is None or lon is None:
        return None
    properties = {k: _plain(v) for k, v in acled_row(e).items()}
    return {
        "type": "Feature",
        "id": e.key,
        "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
        "properties": properties,
    }


def feature_collection(events: list[ExportEvent]) -> tuple[dict[str, Any], int]:
    """The collection (with its ``bbox``) and how many events had no coordinates."""
    features = [f for f in (feature(e) for e in events) if f is not None]
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if features:
        lons = [f["geometry"]["coordinates"][0] for f in features]
        lats = [f["geometry"]["coordinates"][1] for f in features]
        collection["bbox"] = [min(lons), min(lats), max(lons), max(lats)]
    return collection, len(events) - len(features)
