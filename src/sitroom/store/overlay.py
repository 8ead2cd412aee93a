"""Corrections laid over extraction, as SQL the store's read tables are refreshed from
(``store/readmodel.py``).

Why kept apart: the extracted rows are replaced whenever a newer pipeline re-extracts the
corpus, while corrections must stay. Keeping the two apart and combining them into the read
tables whenever either changes means a correction applies to whatever the current
extraction is, and an actor merge also covers events ingested after it. The subqueries
return the raw tables' columns (so every filter of ``queries`` keeps working on corrected
values) plus:

- ``corrected``: the fields a correction changed (``type``, ``date``, ``actors`` ...);
- ``review``: ``unreviewed``, ``corrected``, ``confirmed`` or ``rejected``.

For each target and column, the most recent correction that sets the column wins.
Rejected events and claims are kept with ``review`` = 'rejected' (readers leave them
out). The SQL is built from constants only (no values), so it can be spliced into
parameterised statements; each builder reads from the table expression it is given (the
raw table, or a subquery over it with the same columns), so a refresh computes only the
rows it replaces.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from sitroom.model import Claim, Event, Participant

EVENT_COLUMNS: dict[str, str] = {
    "type": "VARCHAR",
    "mode": "VARCHAR",
    "quad": "INTEGER",
    "cameo": "VARCHAR",
    "acled_type": "VARCHAR",
    "acled_sub_type": "VARCHAR",
    "modality": "VARCHAR",
    "date_value": "VARCHAR",
    "date_precision": "VARCHAR",
    "date_text": "VARCHAR",
    "day": "DATE",
    "date_fallback": "BOOLEAN",
    "historical": "BOOLEAN",
    "location_place": "VARCHAR",
    "location_text": "VARCHAR",
    "location_lat": "DOUBLE",
    "location_lon": "DOUBLE",
    "location_country": "VARCHAR",
    "geo_precision": "INTEGER",
    "actors": "JSON",
    "recipients": "JSON",
}
"""Event columns a correction may set, with their SQL types (migrations/0001)."""

CLAIM_COLUMNS: dict[str, str] = {
    "subject_key": "VARCHAR",
    "actor": "VARCHAR",
    "low": "DOUBLE",
    "high": "DOUBLE",
    "unit": "VARCHAR",
    "qualifier": "VARCHAR",
    "claimant_actor": "VARCHAR",
    "claimant_text": "VARCHAR",
    "date_value": "VARCHAR",
    "date_precision": "VARCHAR",
    "day": "DATE",
    "date_fallback": "BOOLEAN",
}
"""Claim columns a correction may set."""

_STATUS_COLUMN = "review"


def _pivot(kind: str, columns: dict[str, str]) -> str:
    """One row per corrected target: for every column, whether a correction sets it
    (``has_<col>``) and the latest value set; the fields changed; the latest review.
    Targets a re-extraction renamed are followed through ``correction_anchors``."""
    parts = ["coalesce(n.new_id, k.target_id) AS id"]
    for col, sql_type in columns.items():
        path = f"'$.{col}'"
        value = (
            f"json_extract(k.effect, {path})"
            if sql_type == "JSON"
            else (f"CAST(json_extract_string(k.effect, {path}) AS {sql_type})")
        )
        parts.append(f"bool_or(json_exists(k.effect, {path})) AS has_{col}")
        parts.append(
            f"arg_max({value}, k.seq) FILTER (WHERE json_exists(k.effect, {path})) AS fix_{col}"
        )
    parts.append(
        "list_sort(list_distinct(list(k.field) FILTER (WHERE k.action = 'set'))) AS fields"
    )
    parts.append(
        f"arg_max(json_extract_string(k.effect, '$.{_STATUS_COLUMN}'), k.seq) "
        f"FILTER (WHERE json_exists(k.effect, '$.{_STATUS_COLUMN}')) AS status"
    )
    return (
        f"(SELECT {', '.join(parts)} FROM corrections k "
        "LEFT JOIN correction_anchors n ON n.target_kind = k.target_kind AND n.old_id = "
        f"k.target_id WHERE k.target_kind = '{kind}' GROUP BY 1)"
    )


_MAPS = (
    "(SELECT "
    "(WITH RECURSIVE mg AS (SELECT target_id AS k, arg_max(json_extract_string(effect, "
    "'$.merged_into'), seq) AS v        FROM corrections WHERE target_kind = 'actor' AND action = "
    "'merge' GROUP BY 1),  walk(k, v, depth) AS (SELECT k, v, 1 FROM mg UNION ALL        SELECT "
    "w.k, mg.v, w.depth + 1 FROM walk w JOIN mg ON mg.k = w.v WHERE w.depth < 64)  SELECT "
    "coalesce(map_from_entries(list({'key': k, 'value': v})), MAP {}::MAP(VARCHAR, VARCHAR))  FROM "
    "(SELECT k, arg_max(v, depth) AS v FROM walk GROUP BY k) WHERE v IS NOT NULL) AS merges, "
    "(SELECT coalesce(map_from_entries(list({'key': k, 'value': dest})), MAP {}::MAP(VARCHAR, "
    "VARCHAR))  FROM (SELECT art || ' ' || target_id AS k, arg_max(dest, seq) AS dest FROM (       "
    "SELECT target_id, seq, json_extract_string(effect, '$.into') AS dest,        "
    "unnest(CAST(json_extract(effect, '$.articles') AS VARCHAR[])) AS art        FROM corrections "
    "WHERE target_kind = 'actor' AND action = 'split') GROUP BY 1)) AS splits, (SELECT "
    "coalesce(map_from_entries(list({'key': target_id, 'value': roles})),         MAP "
    "{}::MAP(VARCHAR, STRUCT(country VARCHAR, sector VARCHAR, start_date DATE, end_date DATE)[]))  "
    "FROM (SELECT target_id, list({'country': json_extract_string(effect, '$.country'),        "
    "'sector': json_extract_string(effect, '$.sector'),        'start_date': "
    "CAST(json_extract_string(effect, '$.start') AS DATE),        'end_date': "
    "CAST(json_extract_string(effect, '$.end') AS DATE)} ORDER BY seq) AS roles        FROM "
    "corrections WHERE target_kind = 'actor' AND action = 'role' GROUP BY 1)) AS roles, (SELECT "
    "coalesce(list(DISTINCT target_id), []) FROM corrections WHERE target_kind = 'actor') AS "
    "touched) m"
)
"""One row of lookups: actor merges (id -> the id at the end of its merge chain), splits
("article id" -> new id), dated role fixes (id -> roles, latest last) and every actor id
any of them touches."""


def _resolve(actor: str, article: str) -> str:
    """SQL for the actor id after splits (per article), then merges (A->B then B->C
    resolves A to C: the map holds chain ends)."""
    actor = f"({actor})"
    split = f"coalesce(m.splits[{article} || ' ' || {actor}], {actor})"
    return f"coalesce(m.merges[{split}], {split})"


def _participants(source: str, article: str, day: str) -> str:
    """SQL rebuilding a participants JSON list with ids resolved and codes taken from a
    role fix valid on ``day`` (the event's day)."""
    # Three passes so each expression is written once (the planner's cost grows with the
    # SQL's size): resolve the id, find the role fix, build the participant.
    actor = _resolve("p->>'actor'", article)
    resolved = (
        f"list_transform(CAST(coalesce({source}, '[]') AS JSON[]), lambda p: {{'p': p, 'a': "
        f"{actor}}})"
    )
    with_role = (
        f"list_transform({resolved}, lambda q: {{'p': q.p, 'a': q.a, 'r': "
        f"list_filter(coalesce(m.roles[q.a], []), lambda r: (r.start_date IS NULL OR {day} >= "
        f"r.start_date) AND (r.end_date IS NULL OR {day} <= r.end_date))[-1]}})"
    )
    fields = []
    for f in dataclasses.fields(Participant):
        if f.name == "actor":
            fields.append("'actor', CASE WHEN q.p->>'actor' IS NULL THEN NULL ELSE q.a END")
        elif f.name in ("code", "sector"):
            col = "country" if f.name == "code" else "sector"
            fields.append(f"'{f.name}', coalesce(q.r.{col}, q.p->>'{f.name}')")
        else:
            fields.append(f"'{f.name}', q.p->'{f.name}'")
    return f"to_json(list_transform({with_role}, lambda q: json_object({', '.join(fields)})))"


def _ids(parts: str, key: str) -> str:
    """Sorted distinct non-null ``key`` values of a participants JSON list."""
    return (
        f"list_sort(list_distinct(list_filter(list_transform(CAST({parts} AS JSON[]), lambda p: "
        f"p->>'{key}'), lambda x: x IS NOT NULL)))"
    )


def _who(parts: str) -> str:
    return (
        f"list_transform(CAST({parts} AS JSON[]), lambda p: [p->>'actor', p->>'code', "
        "p->>'sector'])"
    )


def _fixed(alias: str, col: str) -> str:
    return f"CASE WHEN f.has_{col} THEN f.fix_{col} ELSE {alias}.{col} END"


def _review(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.status IS NOT NULL THEN {alias}.status "
        f"WHEN len(coalesce({alias}.corrected, [])) > 0 THEN 'corrected' ELSE 'unreviewed' END"
    )


def _event_record() -> str:
    """The SCHEMA.md event with the corrected values, for exports that write ``record``."""
    keys = []
    for f in dataclasses.fields(Event):
        name = f.name
        if name in ("type", "mode", "quad", "cameo", "modality", "historical"):
            keys.append(f"'{name}', to_json(y.{name})")
        elif name == "acled":
            keys.append(
                "'acled', CASE WHEN y.acled_type IS NULL THEN y.record->'acled' "
                "ELSE json_object('type', y.acled_type, 'sub_type', y.acled_sub_type) END"
            )
        elif name in ("actors", "recipients"):
            keys.append(f"'{name}', y.{name}")
        elif name == "date":
            keys.append(
                "'date', CASE WHEN y.has_date THEN json_merge_patch(coalesce(y.record->'date', "
                "'{}'), json_object('value', y.date_value, 'precision', y.date_precision)) ELSE "
                "y.record->'date' END"
            )
        elif name == "location":
            keys.append(
                "'location', CASE WHEN NOT y.has_place THEN y.record->'location' "
                "WHEN y.location_place IS NULL THEN NULL::JSON "
                "ELSE json_merge_patch(coalesce(y.record->'location', '{}'), "
                "json_object('place', y.location_place, 'text', coalesce(y.location_text, "
                "y.location_place))) END"
            )
        else:
            keys.append(f"'{name}', y.record->'{name}'")
    keys += ["'corrected', to_json(y.corrected)", f"'review', to_json({_review('y')})"]
    return f"json_object({', '.join(keys)})"


@lru_cache(maxsize=8)
def corrected_events(events: str = "events") -> str:
    """A subquery with every column of ``events`` (the events table, including any column
    a later migration adds), corrections applied, plus ``corrected`` and ``review``."""
    touched = "(f.id IS NOT NULL OR list_has_any(e.actor_ids, m.touched))"
    day = _fixed("e", "day")
    fixed = [f"{_fixed('e', c)} AS {c}" for c in EVENT_COLUMNS if c not in ("actors", "recipients")]
    for side in ("actors", "recipients"):
        fixed.append(
            f"CASE WHEN {touched} THEN {_participants(_fixed('e', side), 'e.article_id', day)} "
            f"ELSE e.{side} END AS {side}"
        )
    inner = (
        f"SELECT e.* REPLACE ({', '.join(fixed)}), "
        "e.actors AS extracted_actors, e.recipients AS extracted_recipients, "
        "coalesce(f.fields, []) AS fields, f.status, "
        "coalesce(f.has_date_value, false) AS has_date, coalesce(f.has_location_place, false) AS "
        f"has_place FROM {events} e LEFT JOIN {_pivot('event', EVENT_COLUMNS)} f ON f.id = e.id "
        f"CROSS JOIN {_MAPS}"
    )
    parts = "to_json(list_concat(CAST(x.actors AS JSON[]), CAST(x.recipients AS JSON[])))"
    same = (
        "x.actors IS NOT DISTINCT FROM x.extracted_actors AND x.recipients IS NOT DISTINCT FROM "
        "x.extracted_recipients"
    )
    corrected = (
        "list_sort(list_distinct(list_concat(x.fields, "
        "CASE WHEN NOT list_contains(x.fields, 'actors') AND "
        f"{_who('x.actors')} IS DISTINCT FROM {_who('x.extracted_actors')} THEN ['actors'] ELSE [] "
        f"END, CASE WHEN NOT list_contains(x.fields, 'recipients') AND {_who('x.recipients')} IS "
        f"DISTINCT FROM {_who('x.extracted_recipients')} THEN ['recipients'] ELSE [] END)))"
    )
    stage2 = (
        "SELECT x.* EXCLUDE (extracted_actors, extracted_recipients) REPLACE ("
        f"CASE WHEN {same} THEN x.actor_ids ELSE {_ids(parts, 'actor')} END AS actor_ids, "
        f"CASE WHEN {same} THEN x.codes ELSE {_ids(parts, 'code')} END AS codes), "
        f"{corrected} AS corrected FROM ({inner}) x"
    )
    final = (
        "SELECT y.* EXCLUDE (status, has_date, has_place, fields) REPLACE ("
        f"CASE WHEN y.status IS NULL AND len(y.corrected) = 0 THEN y.record ELSE {_event_record()} "
        f"END AS record), {_review('y')} AS review FROM ({stage2}) y"
    )
    return f"({final})"


def _claim_record() -> str:
    keys = []
    for f in dataclasses.fields(Claim):
        name = f.name
        if name in ("subject_key", "actor", "low", "high", "unit", "qualifier"):
            keys.append(f"'{name}', to_json(y.{name})")
        elif name == "claimant":
            keys.append(
                "'claimant', CASE WHEN y.claimant_actor IS NULL AND y.claimant_text IS NULL THEN "
                "y.record->'claimant' ELSE json_merge_patch(coalesce(y.record->'claimant', '{}'), "
                "json_object('actor', y.claimant_actor, 'text', coalesce(y.claimant_text, "
                "y.claimant_actor))) END"
            )
        elif name == "date":
            keys.append(
                "'date', CASE WHEN y.date_value IS NULL THEN y.record->'date' ELSE "
                "json_merge_patch(coalesce(y.record->'date', '{}'), "
                "json_object('value', y.date_value, 'precision', y.date_precision)) END"
            )
        else:
            keys.append(f"'{name}', y.record->'{name}'")
    keys += ["'corrected', to_json(y.corrected)", f"'review', to_json({_review('y')})"]
    return f"json_object({', '.join(keys)})"


@lru_cache(maxsize=8)
def corrected_claims(claims: str = "claims") -> str:
    """A subquery with every column of ``claims`` (the claims table), corrections applied, plus
    ``corrected`` and ``review``. Merged or split actors are resolved in ``actor``,
    ``claimant_actor`` and the first part of ``subject_key``."""
    resolved = ("actor", "claimant_actor", "subject_key")
    fixed = []
    for c in CLAIM_COLUMNS:
        value = _fixed("cl", c)
        if c in ("actor", "claimant_actor"):
            value = (
                f"CASE WHEN ({value}) IS NULL THEN NULL ELSE "
                f"{_resolve('(' + value + ')', 'cl.article_id')} END"
            )
        elif c == "subject_key":
            head = f"split_part({value}, '/', 1)"
            new_head = _resolve(head, "cl.article_id")
            value = (
                f"CASE WHEN {new_head} = {head} THEN {value} ELSE {new_head} || substr({value}, "
                f"length({head}) + 1) END"
            )
        fixed.append(f"{value} AS {c}")
    inner = (
        f"SELECT cl.* REPLACE ({', '.join(fixed)}), "
        + ", ".join(f"cl.{c} AS extracted_{c}" for c in resolved)
        + ", coalesce(f.fields, []) AS fields, f.status "
        f"FROM {claims} cl LEFT JOIN {_pivot('claim', CLAIM_COLUMNS)} f ON f.id = cl.id CROSS JOIN "
        f"{_MAPS}"
    )
    changed = ", ".join(
        f"CASE WHEN x.{c} IS DISTINCT FROM x.extracted_{c} THEN ['{c}'] ELSE [] END"
        for c in resolved
    )
    stage2 = (
        f"SELECT x.* EXCLUDE ({', '.join('extracted_' + c for c in resolved)}), "
        f"list_sort(list_distinct(flatten([x.fields, {changed}]))) AS corrected FROM ({inner}) x"
    )
    final = (
        "SELECT y.* EXCLUDE (status, fields) REPLACE ("
        f"CASE WHEN y.status IS NULL AND len(y.corrected) = 0 THEN y.record ELSE {_claim_record()} "
        f"END AS record), {_review('y')} AS review FROM ({stage2}) y"
    )
    return f"({final})"


@lru_cache(maxsize=8)
def corrected_actors(actors: str = "actors") -> str:
    """``actors`` (the actors table, or a subquery over it) with merged and split ids
    resolved (the old id kept as an alias, its name dropped so the surviving actor's name
    wins) and role fixes valid on the article's date applied to country and sector."""
    new_id = _resolve("r.id", "r.article_id")
    day = "TRY_CAST(a.published AS DATE)"
    role = (
        f"list_filter(coalesce(m.roles[{new_id}], []), lambda x: (x.start_date IS NULL OR {day} >= "
        f"x.start_date) AND (x.end_date IS NULL OR {day} <= x.end_date))[-1]"
    )
    return (
        f"(SELECT r.article_id, {new_id} AS id, "
        f"CASE WHEN {new_id} = r.id THEN r.name ELSE NULL END AS name, "
        f"CASE WHEN {new_id} = r.id THEN r.aliases ELSE list_distinct(list_concat(r.aliases, "
        f"[r.name, r.id])) END AS aliases, r.kind, CASE WHEN ({role}) IS NULL THEN r.country ELSE "
        f"({role}).country END AS country, CASE WHEN ({role}) IS NULL THEN r.sector ELSE "
        f"({role}).sector END AS sector, r.ethnicity, r.rule, r.score, r.pipeline_version, CASE "
        f"WHEN {new_id} <> r.id OR ({role}) IS NOT NULL THEN true ELSE false END AS corrected FROM "
        f"{actors} r JOIN articles a ON a.id = r.article_id CROSS JOIN {_MAPS})"
    )


ROLE_FIX_ROWS = (
    "SELECT target_id AS actor, json_extract_string(effect, '$.country') AS country, "
    "json_extract_string(effect, '$.sector') AS sector, json_extract_string(effect, '$.title') AS "
    "title, json_extract_string(effect, '$.start') AS start_date, json_extract_string(effect, "
    "'$.end') AS end_date, 'correction:' || id AS source, NULL AS article_id, NULL::INTEGER AS "
    "evidence_start, NULL::INTEGER AS evidence_end, why AS evidence_text, NULL AS evidence_field "
    "FROM corrections WHERE target_kind = 'actor' AND action = 'role'"
)
"""Role fixes as rows shaped like ``actor_roles``, so an actor's role history shows them
with their correction id as the source."""


def plain_events(events: str = "events") -> str:
    """What ``corrected_events`` gives when the store holds no correction: the rows as
    extracted, nothing corrected, unreviewed. The overlay SQL costs DuckDB a few hundred
    milliseconds to bind whatever the data, so a store without corrections skips it."""
    return f"(SELECT e.*, []::VARCHAR[] AS corrected, 'unreviewed' AS review FROM {events} e)"


def plain_claims(claims: str = "claims") -> str:
    return f"(SELECT cl.*, []::VARCHAR[] AS corrected, 'unreviewed' AS review FROM {claims} cl)"


def plain_actors(actors: str = "actors") -> str:
    return f"(SELECT r.*, false AS corrected FROM {actors} r)"


def has_corrections(con) -> bool:  # con: duckdb.DuckDBPyConnection
    """Whether any correction is stored (else the plain builders give the same rows)."""
    return bool(con.execute("SELECT EXISTS (SELECT 1 FROM corrections)").fetchall()[0][0])
