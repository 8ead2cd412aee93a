"""One audited edit, as stored in ``corrections`` and written to the JSONL exchange file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from typing import Any

from sitroom import version

KINDS = ("event", "claim", "actor")
ACTIONS = ("set", "reject", "confirm", "merge", "split", "role")
OPERATOR_ENV = "SITROOM_OPERATOR"


class CorrectionError(ValueError):
    """A correction that cannot be made (unknown target, bad value); the message is one
    line naming what and why."""


def operator(by: str | None = None) -> str | None:
    """Who makes the edit: ``--by``, else ``$SITROOM_OPERATOR``, else nobody named."""
    return (by or os.environ.get(OPERATOR_ENV) or "").strip() or None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


@dataclass
class Correction:
    """What was changed (target kind + id, field, old -> new), why, when, by whom, and
    the column values the change sets (``effect``). ``article_id`` and the anchor span say
    where an event or claim was found, so a re-extraction that renames it can re-find it."""

    target_kind: str
    target_id: str
    action: str
    field: str
    new: Any = None
    old: Any = None
    effect: dict[str, Any] = dataclasses.field(default_factory=dict)
    why: str | None = None
    operator: str | None = None
    made_at: str = dataclasses.field(default_factory=_now)
    pipeline_version: str = dataclasses.field(default_factory=lambda: version.PIPELINE_VERSION)
    article_id: str | None = None
    anchor_start: int | None = None
    anchor_end: int | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.target_kind not in KINDS:
            raise CorrectionError(
                f"target kind {self.target_kind!r}: use one of {', '.join(KINDS)}"
            )
        if self.action not in ACTIONS:
            raise CorrectionError(f"action {self.action!r}: use one of {', '.join(ACTIONS)}")
        self.id = self.content_id()

    def content_id(self) -> str:
        """A hash of everything the edit says: the same edit imported twice is one row."""
        payload = [
            self.target_kind,
            self.target_id,
            self.action,
            self.field,
            self.new,
            self.effect,
            self.why,
            self.operator,
            self.made_at,
        ]
        return hashlib.sha256(
            json.dumps(payload, sort_keys=True, default=str).encode("utf-8")
        ).hexdigest()[:20]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Correction:
        """Rebuild an exported edit; the id is recomputed from the content, so an edited
        line cannot pose as another edit."""
        if not isinstance(data, dict):
            raise CorrectionError("not a JSON object")
        missing = [
            k for k in ("target_kind", "target_id", "action", "field", "made_at") if not data.get(k)
        ]
        if missing:
            raise CorrectionError(f"missing {', '.join(missing)}")
        if not isinstance(data.get("effect", {}), dict):
            raise CorrectionError("effect is not an object")
        known = {f for f in cls.__dataclass_fields__ if f != "id"}
        return cls(**{k: v for k, v in data.items() if k in known})

    def row(self) -> dict[str, Any]:
        """The ``corrections`` table row."""
        return {
            "id": self.id,
            "target_kind": self.target_kind,
            "target_id": self.target_id,
            "article_id": self.article_id,
            "anchor_start": self.anchor_start,
            "anchor_end": self.anchor_end,
            "action": self.action,
            "field": self.field,
            "old_value": json.dumps(self.old, default=str),
            "new_value": json.dumps(self.new, default=str),
            "effect": json.dumps(self.effect, default=str),
            "why": self.why,
            "operator": self.operator,
            "made_at": self.made_at,
            "pipeline_version": self.pipeline_version,
        }
