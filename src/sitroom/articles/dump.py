"""Page dumps: split a scraped text file into articles and read each one's parts.

A dump is what a scraper or a browser's "save as text" leaves: per article a headline,
site furniture (share buttons, "Updated …", a link shortener), often the headline again,
photo captions, summary bullets, then the story. Splitting and reading rely only on
structure, so a site never seen before is still handled:

* an article starts at a headline-like line that either repeats within the next few lines
  (sites print it once above the photo and again above the story) or is followed by meta
  lines (a date, a byline, buttons); rule lines ("-----", "* * *") always split;
* above the first prose paragraph, bullets are the summary, lines with a photo credit (and
  any sentence shown before the repeated headline) are captions, dates and bylines are
  metadata and everything else is furniture;
* in the story, short lines without sentence punctuation, boilerplate labels, bare dates
  and repeated headlines are dropped; paragraphs stay one per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitroom.articles import lines as L
from sitroom.articles.furniture import drop_furniture, furniture_provenance
from sitroom.model import Explanation

REPEAT_WINDOW = 15
"""Non-blank lines within which a repeated headline marks an article's header."""
META_WINDOW = 4
"""Non-blank lines after a headline in which a date or byline must appear."""
MAX_BODY_FRAGMENT_WORDS = 12
"""Story lines this short and without sentence punctuation are labels, not paragraphs."""
WRAP_WIDTH = 100
"""A dump whose lines never exceed this width is hard-wrapped: paragraphs span lines."""
ORPHAN_PROSE_WORDS = 20
"""Headline-less text (before the first headline, after a rule line) is an article only
when it holds at least this much prose."""


@dataclass
class DumpArticle:
    """One article's parts as found in a dump; ``provenance`` maps a field name
    (``title``, ``published``, ``summary:0`` …) to the rule that filled it."""

    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    summary: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    provenance: dict[str, Explanation] = field(default_factory=dict)


def split_dump(text: str) -> list[DumpArticle]:
    """All articles of a dump, in order; blocks with no prose (menus, link lists) are left out."""
    blocks = [b for part in _parts(text) for b in _blocks(part)]
    found = [
        a for a in (_segment_block(block, repeat) for block, repeat in blocks) if a is not None
    ]
    if len(found) < 2:
        return found
    # Among several articles, a headline-less scrap of a sentence or two is a footer note.
    return [a for a in found if a.title is not None or L.words(a.text) >= ORPHAN_PROSE_WORDS]


def drop_leading_meta(text: str) -> str:
    """``text`` without the date, byline or button lines an extractor left at its top."""
    paragraphs = text.split("\n")
    start = 0
    while start < len(paragraphs) and (
        not paragraphs[start].strip() or L.meta(paragraphs[start]) is not None
    ):
        start += 1
    return "\n".join(paragraphs[start:])


def _parts(text: str) -> list[list[str]]:
    """Cut at rule lines and form feeds, strip each line, undo hard wrapping."""
    parts: list[list[str]] = [[]]
    for raw in text.replace("\f", "\n-----\n").splitlines():
        line = " ".join(raw.replace("\u00a0", " ").replace("\u200b", "").split())
        if L.SEPARATOR.match(line):
            parts.append([])
        else:
            parts[-1].append(line)
    return [_unwrap(p) for p in parts if any(p)]


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph; a dump with long lines is left as is."""
    nonblank = [x for x in lines if x]
    if (
        not nonblank
        or max(len(x) for x in nonblank) > WRAP_WIDTH
        or sum(len(x) > 55 for x in nonblank) < 3
    ):
        return lines
    width = max(len(x) for x in nonblank)
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        if (
            line
            and prev
            and len(prev) > 40
            and not _ends_paragraph(prev, width)
            and not L.is_bullet(line)
            and L.meta(prev) is None
            and L.meta(line) is None
        ):
            glue = "" if prev[-1] == "-" and prev[-2:-1].isalpha() else " "
            out[-1] = f"{prev}{glue}{line}"
        else:
            out.append(line)
    return out


def _ends_paragraph(line: str, width: int) -> bool:
    """A wrapped line that stops short of the wrap width after a sentence's end closes its
    paragraph; a full-width line goes on whatever its last character."""
    return line[-1] in '.!?"\u201d\u2019)' and len(line) < 0.85 * width


def _blocks(lines: list[str]) -> list[tuple[list[str], int | None]]:
    """Article blocks of one part with the offset (in the block) of a repeated headline."""
    nonblank = [i for i, x in enumerate(lines) if x]
    starts: dict[int, int | None] = {}
    covered = -1
    for pos, i in enumerate(nonblank):
        if i <= covered or not L.is_title_like(lines[i]):
            continue
        key = L.norm(lines[i])
        repeat = next(
            (j for j in nonblank[pos + 1 : pos + 1 + REPEAT_WINDOW] if L.norm(lines[j]) == key),
            None,
        )
        if repeat is not None:
            starts[i] = repeat - i
            covered = repeat
        elif _opens_block(lines, i) and _meta_follows(
            lines, nonblank[pos + 1 : pos + 1 + META_WINDOW]
        ):
            starts[i] = None
    if not starts:
        return [(lines, None)]
    order = sorted(starts)
    blocks = [(lines[a:b], starts[a]) for a, b in zip(order, order[1:] + [len(lines)], strict=True)]
    head = lines[: order[0]]
    if any(L.is_prose(x) and L.words(x) >= ORPHAN_PROSE_WORDS for x in head):
        blocks.insert(0, (head, None))
    return blocks


def _opens_block(lines: list[str], i: int) -> bool:
    """A headline follows a blank line, the start, or a kicker label ("IRAQ", "Opinion")."""
    return i == 0 or not lines[i - 1] or L.is_short_fragment(lines[i - 1])


def _meta_follows(lines: list[str], following: list[int]) -> bool:
    """True when the lines after a headline are meta lines that include a date or byline."""
    dated = False
    for i in following:
        found = L.meta(lines[i])
        if found is None:
            break
        dated = dated or bool(found.dates) or found.author is not None
    return dated


class _Reader:
    """Walks one block line by line, header first, then story."""

    def __init__(self, title: str | None, title_rule: str, repeat: int | None) -> None:
        self.out = DumpArticle(text="", title=title)
        if title:
            self.out.provenance["title"] = Explanation(
                title_rule, 0.95 if repeat is not None else 0.8
            )
        self.title_key = L.norm(title) if title else None
        self.repeat_pending = repeat is not None
        self.body: list[str] = []

    def feed(self, line: str) -> None:
        if not line:
            return
        if self.title_key and L.norm(line) == self.title_key:
            self.repeat_pending = False
            return
        found = L.meta(line)
        if found is not None:
            self._take_meta(found)
        elif self.body:
            self._story_line(line)
        else:
            self._header_line(line)

    def _take_meta(self, found: L.Meta) -> None:
        for stamp in found.dates:
            if getattr(self.out, stamp.role) is None:
                setattr(self.out, stamp.role, stamp.value)
                self.out.provenance[stamp.role] = Explanation(stamp.rule, 0.9)
        if found.author and self.out.author is None:
            self.out.author = found.author
            self.out.provenance["author"] = Explanation("segment.byline", 0.85)

    def _header_line(self, line: str) -> None:
        if L.is_bullet(line):
            self._add("summary", L.strip_bullet(line), "segment.summary.bullet", 0.85)
            return
        rule = L.caption_rule(line, header=True)
        if rule:
            self._add("captions", line, rule, 0.9)
        elif self.repeat_pending:
            if not L.is_short_fragment(line):
                self._add("captions", line, "segment.caption.before-title", 0.8)
        elif L.is_prose(line):
            self.body.append(line)

    def _story_line(self, line: str) -> None:
        rule = L.caption_rule(line, header=False)
        if rule:
            self._add("captions", line, rule, 0.85)
        elif L.is_bullet(line):
            self.body.append(line)
        elif L.boilerplate_rule(line) is None and (
            L.ends_sentence(line) or L.words(line) > MAX_BODY_FRAGMENT_WORDS
        ):
            self.body.append(line)

    def _add(self, name: str, text: str, rule: str, score: float) -> None:
        items = getattr(self.out, name)
        self.out.provenance[f"{name}:{len(items)}"] = Explanation(rule, score)
        items.append(text)

    def finish(self) -> DumpArticle | None:
        body, dropped = drop_furniture(self.body)
        if not body:
            return None
        self.out.text = "\n".join(body)
        self.out.provenance.update(furniture_provenance(dropped))
        if self.out.published is None and self.out.updated is not None:
            self.out.published = self.out.updated
            self.out.provenance["published"] = Explanation("segment.date.updated-only", 0.85)
        return self.out


def _segment_block(block: list[str], repeat: int | None) -> DumpArticle | None:
    first = next((i for i, x in enumerate(block) if x), None)
    if first is None:
        return None
    headline = block[first] if L.is_title_like(block[first]) else None
    rule = "segment.title.repeated" if repeat is not None else "segment.title.first-line"
    reader = _Reader(headline, rule, repeat)
    for line in block[first + (1 if headline else 0) :]:
        reader.feed(line)
    return reader.finish()
