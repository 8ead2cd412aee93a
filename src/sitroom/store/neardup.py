"""Near-duplicate detection: the same story re-published with edits, or by another outlet.

A body becomes a set of word 3-shingles, summarised by a datasketch ``MinHash`` (128
permutations, fixed seed, so signatures from separate runs compare). Locality-sensitive
hashing splits the signature into bands with datasketch's own choice of bands and rows for
the threshold; two articles sharing any band's exact slice become candidates, and a
candidate is a near-duplicate when the estimated Jaccard similarity of their shingle sets
reaches ``THRESHOLD`` (0.7: one rewritten paragraph in ten still links, a different story
on the same topic does not). Band keys are stored in ``article_lsh`` so candidates are
found by an index lookup across every earlier ingest run.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.7
NUM_PERM = 128
SHINGLE = 3
MIN_SHINGLES = 8
"""Bodies shorter than this many shingles are too short for similarity to mean anything."""

_BANDS, _ROWS = (lambda lsh: (lsh.b, lsh.r))(MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM))
_WORD = re.compile(r"\w+")
_EMPTY = MinHash(num_perm=NUM_PERM, seed=1)
"""Copied for each text, as datasketch's own ``MinHash.bulk`` does: drawing the 128
permutations anew for every article cost as much as hashing a short one."""


@dataclass(frozen=True)
class Signature:
    hashvalues: np.ndarray
    keys: list[int]
    """One LSH key per band: a signed 64-bit hash of the band number and its slice."""


def signature(text: str) -> Signature | None:
    """The MinHash signature and LSH band keys of ``text``; ``None`` when too short."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    mh = _EMPTY.copy()
    mh.update_batch([s.encode("utf-8") for s in shingles])
    values = mh.hashvalues.astype(np.uint64)
    return Signature(values, band_keys(values))


def band_keys(values: np.ndarray) -> list[int]:
    keys = []
    for band in range(_BANDS):
        chunk = values[band * _ROWS : (band + 1) * _ROWS].tobytes()
        digest = hashlib.blake2b(band.to_bytes(2, "little") + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)
