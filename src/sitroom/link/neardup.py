"""Near-duplicate detection: the same story re-published with edits, or by another outlet.

A body becomes a set of word shingles (``link.shingle_words`` long), summarised by a
datasketch ``MinHash`` (``link.minhash_permutations``, fixed seed, so signatures from
separate runs compare). Locality-sensitive hashing splits the signature into bands with
datasketch's own choice of bands and rows for the threshold; two articles sharing any
band's exact slice become candidates, and a candidate is a near-duplicate when the
estimated Jaccard similarity of their shingle sets reaches ``link.neardup_threshold``.
The store keeps the band keys so candidates are found by an index lookup across every
earlier ingest run.

A looser test, ``link.copy_threshold``, says whether two articles already known to report
one event are one text re-published (``is_copy``, ``rows_copying``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from sitroom import settings

_WORD = re.compile(r"\w+")
_SEED = 1
"""Fixed so that signatures computed in separate runs (and stored) compare."""


@dataclass(frozen=True)
class Signature:
    hashvalues: np.ndarray
    keys: list[int]
    """One LSH key per band: a signed 64-bit hash of the band number and its slice."""


@dataclass
class Candidate:
    """An article a new one may duplicate: stored, or earlier in the same batch."""

    id: str
    root: str
    """The first version of the story: the article's own id unless it duplicates one."""
    seq: int
    hashvalues: np.ndarray


def permutations() -> int:
    """How many MinHash permutations a signature has (its length)."""
    return settings.integer("link.minhash_permutations")


@lru_cache(maxsize=4)
def _bands_and_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=4)
def _empty(num_perm: int) -> MinHash:
    """Copied for each text, as datasketch's own ``MinHash.bulk`` does: drawing the
    permutations anew for every article cost as much as hashing a short one."""
    return MinHash(num_perm=num_perm, seed=_SEED)


def signature(text: str) -> Signature | None:
    """The MinHash signature and LSH band keys of ``text``; ``None`` when too short."""
    size = settings.integer("link.shingle_words")
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    if len(shingles) < settings.integer("link.min_shingles"):
        return None
    mh = _empty(permutations()).copy()
    mh.update_batch([s.encode("utf-8") for s in shingles])
    values = mh.hashvalues.astype(np.uint64)
    return Signature(values, band_keys(values))


def band_keys(values: np.ndarray) -> list[int]:
    bands, rows = _bands_and_rows(settings.number("link.neardup_threshold"), len(values))
    keys = []
    for band in range(bands):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def best_match(sig: Signature, known: dict[int, list[Candidate]]) -> Candidate | None:
    """The most similar of the ``known`` candidates (by band key) sharing a band with
    ``sig``, at or above the near-duplicate threshold; ties go to the one stored first, so
    a story's copies all point at its first version."""
    candidates: dict[str, Candidate] = {}
    for key in sig.keys:
        for c in known.get(key, ()):
            candidates.setdefault(c.id, c)
    best, best_score = None, settings.number("link.neardup_threshold")
    for c in candidates.values():
        score = similarity(sig.hashvalues, c.hashvalues)
        if score > best_score or (score == best_score and (best is None or c.seq < best.seq)):
            best, best_score = c, score
    return best


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two signatures are close enough for one text to re-publish the other."""
    return similarity(a, b) >= settings.number("link.copy_threshold")


def rows_copying(stored: np.ndarray, ours: np.ndarray) -> np.ndarray:
    """Indices of the rows of ``stored`` (one signature per row) that may be a copy of any
    row of ``ours``: equal positions counted at once for the whole block, the threshold
    rounded down so that no copy is missed."""
    need = int(settings.number("link.copy_threshold") * stored.shape[1])
    equal = (stored[:, None, :] == ours[None, :, :]).sum(axis=2)
    return np.flatnonzero((equal >= need).any(axis=1))
