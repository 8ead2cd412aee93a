// Trust signals for one event or claim: why it exists (the rule or model and its score),
// whether a human reviewed it (and which fields a correction changed), and how many
// sources report it (wire copies of one story count once as independent sources).

import { h } from "./dom.js";

export const REVIEWS = ["unreviewed", "corrected", "confirmed", "rejected"];

export function reviewBadge(review) {
  const status = REVIEWS.includes(review) ? review : "unreviewed";
  return h("span", { class: `review review-${status}`, title: `review: ${status}`, dataset: { review: status } }, status);
}

function score(value) {
  return typeof value === "number" ? value.toFixed(2) : "?";
}

function why(row) {
  const model = row.record && row.record.explanation ? row.record.explanation.model : null;
  const source = model ? `model ${model}` : `rule ${row.rule || "?"}`;
  return h("span", { class: "why", title: "why this row exists" }, `${source} · score ${score(row.score)}`);
}

function sources(row) {
  const independent = row.independent_sources;
  if (row.sources === undefined || row.sources === null) {
    if (independent === undefined || independent === null) return null;
    return h("span", { class: "sources", dataset: { independent: String(independent) }, title: "independent sources (wire copies count once)" },
      `${independent} independent source${independent === 1 ? "" : "s"}`);
  }
  const total = row.sources;
  return h("span", {
    class: "sources", dataset: { sources: String(total), independent: String(independent ?? total) },
    title: "articles reporting it, and how many independent sources they rest on (wire copies count once)",
  }, `${total} source${total === 1 ? "" : "s"}, ${independent ?? total} independent`);
}

export function trustSignals(row) {
  const corrected = row.corrected || [];
  return h("div", { class: "trust small", dataset: { review: row.review || "unreviewed" } },
    reviewBadge(row.review),
    corrected.length ? h("span", { class: "corrected-fields", title: "fields changed by a correction" }, `corrected: ${corrected.join(", ")}`) : null,
    why(row),
    sources(row));
}

export function isCorrected(row, field) {
  return (row.corrected || []).includes(field);
}
