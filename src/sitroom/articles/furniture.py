"""Site furniture inside a story's paragraphs: link lists, teasers, calls to action.

Both routes to an article can leave furniture in the body: a page dump keeps whatever the
page showed, and trafilatura keeps the "Related: ..." line, the "Sign up for our
newsletter" box or the list of other headlines under "RELATED STORIES" when the page puts
them inside the article element. Later stages read every line as news, so a teaser
becomes an event. Furniture is recognised by shape and position, not by site:

* a line the boilerplate table names (``boilerplate.csv``: "Read more: ...", "MORE: ...",
  "Sign up for ...", a teaser ending in "Read more");
* a link-list heading ("Related", "More from ...") and the headline-shaped lines after it,
  up to the next paragraph of prose;
* a run of Title Case, headline-shaped lines closing the body (other stories' titles).

Every dropped line is listed with its rule, so ``Article.provenance`` can say what went.
"""

from __future__ import annotations

from sitroom.articles import lines as L
from sitroom.model import Explanation

LIST_HEADING_RULES = ("segment.boilerplate.navigation", "segment.boilerplate.read-more")
"""Boilerplate rules whose short lines head a list of links."""
MAX_LIST_LINES = 12
"""A link list under a heading is at most this long; prose resumes after it."""
MIN_TRAILING_RUN = 2
"""Headline-shaped lines closing a body that count as a list of other stories."""
HEADLINE_WORDS = (3, 30)
TITLE_MIN_WORDS = 4
TITLE_SHARE = 0.6
"""Share of longer words capitalised in a line read as another story's headline."""


def _headline_shaped(line: str) -> bool:
    """Another story's title: a few words, no sentence punctuation at the end."""
    text = L.strip_bullet(line) if L.is_bullet(line) else line.strip()
    n = L.words(text)
    return HEADLINE_WORDS[0] <= n <= HEADLINE_WORDS[1] and not L.ends_sentence(text)


def _title_cased(line: str) -> bool:
    """Headline capitalisation ("Riddle Me This: 19 Amazing Riddles for Kids"): most
    longer words capitalised, with a few words at least. Sentence-case lines at the end of a
    story (a list of findings, a table) are content, not other stories' titles."""
    longer = [w for w in L.WORD_RE.findall(line) if len(w) >= 4 and w.isalpha()]
    capital = sum(w[0].isupper() for w in longer)
    return (
        L.words(line) >= TITLE_MIN_WORDS
        and len(longer) >= 2
        and capital >= TITLE_SHARE * len(longer)
    )


def _is_list_heading(line: str, rule: str | None) -> bool:
    return (
        rule is not None
        and rule.startswith(LIST_HEADING_RULES)
        and (L.is_short_fragment(line) or line.rstrip().endswith(":"))
    )


def drop_furniture(paragraphs: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(kept paragraphs, [(dropped line, rule id)]) for a story's paragraphs in order."""
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    in_list = 0
    for line in paragraphs:
        if not line.strip():
            kept.append(line)
            continue
        rule = L.boilerplate_rule(line)
        if _is_list_heading(line, rule):
            dropped.append((line, "segment.furniture.list-heading"))
            in_list = MAX_LIST_LINES
            continue
        if rule is not None:
            dropped.append((line, rule))
            continue
        if in_list and (_headline_shaped(line) or L.is_short_fragment(line)):
            dropped.append((line, "segment.furniture.link-list"))
            in_list -= 1
            continue
        in_list = 0
        kept.append(line)
    return _drop_trailing_headlines(kept, dropped)


def _drop_trailing_headlines(
    kept: list[str], dropped: list[tuple[str, str]]
) -> tuple[list[str], list[tuple[str, str]]]:
    """Title Case headline-shaped lines closing the body, when there are at least two of
    them and some prose stands before them."""
    end = len(kept)
    while end > 0 and (
        not kept[end - 1].strip()
        or (_headline_shaped(kept[end - 1]) and _title_cased(kept[end - 1]))
    ):
        end -= 1
    run = [x for x in kept[end:] if x.strip()]
    if len(run) < MIN_TRAILING_RUN or not any(L.is_prose(x) for x in kept[:end]):
        return kept, dropped
    return kept[:end], dropped + [(x, "segment.furniture.trailing-headlines") for x in run]


FURNITURE_SCORE = 0.8
"""How sure a shape rule is that a dropped line was furniture."""


def furniture_provenance(dropped: list[tuple[str, str]]) -> dict[str, Explanation]:
    """``dropped:N`` provenance entries, one per line left out of the body, in order."""
    return {
        f"dropped:{n}": Explanation(rule, FURNITURE_SCORE) for n, (_, rule) in enumerate(dropped)
    }
