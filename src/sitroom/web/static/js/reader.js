// Article reader: the stored text with the evidence of the selected event or claim marked
// by its character offsets, and that record's trust signals, correction form and audit
// trail. Text goes in as text nodes only (never parsed as HTML).

import { article as fetchArticle } from "./api.js";
import { h, clear } from "./dom.js";
import { write } from "./state.js";
import { trustSignals, reviewBadge } from "./trust.js";
import { eventForm, claimForm, auditTrail } from "./corrections.js";

function marked(text, span) {
  if (!span || span.start === null || span.end === null || span.start < 0 || span.end > text.length || span.start >= span.end) {
    return [text];
  }
  return [text.slice(0, span.start), h("mark", { class: "evidence", id: "evidence" }, text.slice(span.start, span.end)), text.slice(span.end)];
}

function selected(data, hl) {
  const [kind, id] = (hl || "").split(":");
  const rows = kind === "event" ? data.events : kind === "claim" ? data.claims : [];
  return { kind, id, row: rows.find((r) => r.id === id) || null };
}

function target(pick) {
  const row = pick.row;
  if (!row) return null;
  return { kind: pick.kind, id: pick.id, start: row.evidence_start, end: row.evidence_end, field: row.evidence_field || "text" };
}

function summary(kind, row) {
  if (kind === "event") {
    return [row.type, row.mode, row.modality, row.date_value || row.day, row.location_text].filter(Boolean).join(" · ");
  }
  const value = row.low === row.high ? `${row.low}` : `${row.low ?? "?"}–${row.high ?? "?"}`;
  return [row.subject, value, row.qualifier, row.unit, row.claimant_text].filter(Boolean).join(" · ");
}

// The selected event or claim: why it exists and who reports it, its corrections so far,
// and the form to correct it. A rejected record is no longer listed: its trail still is.
async function recordBox(pick) {
  if (pick.kind !== "event" && pick.kind !== "claim") return null;
  const trail = await auditTrail(pick.id);
  if (!pick.row) {
    return h("div", { class: "record-box", id: "record-box", dataset: { kind: pick.kind, id: pick.id } },
      h("p", { class: "muted small" }, `This ${pick.kind} is not listed any more (rejected, or no longer extracted).`), trail);
  }
  const row = pick.row;
  return h("div", { class: "record-box", id: "record-box", dataset: { kind: pick.kind, id: pick.id, review: row.review || "unreviewed" } },
    h("h3", {}, `Selected ${pick.kind}: `, h("span", { class: "record-summary" }, summary(pick.kind, row))),
    trustSignals(row),
    pick.kind === "event" ? eventForm(row) : claimForm(row),
    trail);
}

function spanFor(span, field) {
  return span && span.field === field ? span : null;
}

function partButton(kind, row, label, hl) {
  const key = `${kind}:${row.id}`;
  const reviewed = row.review && row.review !== "unreviewed";
  return h("button", {
    type: "button", class: key === hl ? "selected" : null, dataset: { hl: key, review: row.review || "unreviewed" },
    on: { click: () => write({ hl: key }, { replace: true }) },
  }, label, reviewed ? " " : null, reviewed ? reviewBadge(row.review) : null);
}

export async function render(aside, state) {
  clear(aside);
  if (!state.article) { aside.hidden = true; return; }
  aside.hidden = false;
  aside.append(h("p", { class: "muted small" }, "Loading article…"));
  let data;
  try {
    data = await fetchArticle(state.article);
  } catch (err) {
    clear(aside).append(h("p", { class: "error" }, `Article: ${err.message}`));
    return;
  }
  const a = data.article;
  const pick = selected(data, state.hl);
  const span = target(pick);
  const record = await recordBox(pick);
  // One wrapper built by h(), which skips absent parts (Node.append would print "null").
  clear(aside).append(h("div", { class: "reader", dataset: { articleId: a.id } },
    h("p", {}, h("button", { type: "button", class: "link", on: { click: () => write({ article: "", hl: "" }) } }, "close ×")),
    h("h2", { class: "reader-title" }, marked(a.title || "(untitled)", spanFor(span, "title"))),
    h("div", { class: "reader-meta" }, [a.published, a.outlet || a.site, a.author, a.dateline, a.language, a.source].filter(Boolean).join(" · "),
      a.duplicate_of ? ` · near-duplicate of ${a.duplicate_of}` : ""),
    a.summary.length ? h("ul", { class: "reader-summary" }, a.summary.map((t, i) => h("li", {}, marked(t, spanFor(span, `summary:${i}`))))) : null,
    a.captions.length ? h("div", { class: "reader-captions muted small" }, a.captions.map((t, i) => h("p", {}, marked(t, spanFor(span, `captions:${i}`))))) : null,
    record,
    h("div", { class: "reader-parts small" },
      data.events.length ? h("div", {}, "Events: ", data.events.map((e) => partButton("event", e, e.type, state.hl))) : null,
      data.claims.length ? h("div", {}, "Claims: ", data.claims.map((c) => partButton("claim", c, c.subject, state.hl))) : null),
    h("div", { class: "reader-body" }, marked(a.text, spanFor(span, "text"))),
  ));
  const mark = aside.querySelector("mark.evidence");
  if (mark) mark.scrollIntoView({ block: "center" });
}
