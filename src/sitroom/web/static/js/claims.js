// Claims tracker: subjects (subject_key) with their values over time as ranges (low to
// high) coloured by claimant; clicking a claim opens its evidence in the reader. Each
// subject is compared (/api/claims/compare): estimates of the same scope and month whose
// intervals do not overlap are flagged as disagreeing; other place scopes of the same
// actor and measure are listed apart, as different questions rather than contradictions.

import { get } from "./api.js";
import { h, s, empty } from "./dom.js";
import { paletteColor } from "./colors.js";
import { dayScale } from "./timescale.js";
import { filters, write } from "./state.js";
import { trustSignals } from "./trust.js";

const CLAIM_FILTERS = ["actor", "since", "until", "source"];
const W = 900, H = 260, LEFT = 64, RIGHT = 12, TOP = 12, BOTTOM = 26;

function format(n) {
  return n === null || n === undefined ? "?" : Number(n).toLocaleString("en");
}

function valueText(c) {
  if (c.low !== null && c.high !== null && c.low !== c.high) return `${format(c.low)}–${format(c.high)}`;
  if (c.low !== null && c.high === null) return `≥ ${format(c.low)}`;
  if (c.low === null && c.high !== null) return `≤ ${format(c.high)}`;
  return format(c.low ?? c.high);
}

function intervalText(span) {
  if (!span) return "no number";
  const high = span.high === null ? "∞" : format(span.high);
  return span.low === span.high ? format(span.low) : `[${format(span.low)}, ${high}]`;
}

function chart(series, colors, disagreeing = new Set()) {
  const dated = series.filter((c) => c.day && (c.low !== null || c.high !== null));
  if (!dated.length) return empty("No dated values.");
  const values = dated.flatMap((c) => [c.low, c.high]).filter((v) => v !== null);
  const positive = values.every((v) => v > 0);
  const lo = Math.min(...values), hi = Math.max(...values);
  const useLog = positive && hi / lo > 50;
  const t = (v) => (useLog ? Math.log10(v) : v);
  const [a, b] = lo === hi ? [t(lo) - 1, t(hi) + 1] : [t(lo) - (t(hi) - t(lo)) * 0.08, t(hi) + (t(hi) - t(lo)) * 0.08];
  const y = (v) => H - BOTTOM - ((t(v) - a) / (b - a)) * (H - TOP - BOTTOM);
  const x = dayScale(dated.map((c) => c.day), LEFT, W - RIGHT);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "claims-chart", role: "img", "aria-label": "Claimed values over time" });
  svg.append(s("line", { x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, stroke: "#999" }));
  for (const tick of x.ticks()) svg.append(s("text", { x: x(tick), y: H - 8, "text-anchor": "middle" }, tick.slice(0, 7)));
  for (const v of [lo, hi]) svg.append(s("text", { x: LEFT - 4, y: y(v) + 3, "text-anchor": "end" }, format(v)));
  if (useLog) svg.append(s("text", { x: 4, y: TOP }, "log scale"));
  for (const c of dated) {
    const color = colors.get(c.claimant || "unattributed");
    const cx = x(c.day);
    const top = y(c.high ?? c.low), bottom = y(c.low ?? c.high);
    const on = { click: () => write({ article: c.article_id, hl: `claim:${c.id}` }) };
    const title = s("title", {}, `${c.day}: ${valueText(c)} (${c.qualifier || ""}) — ${c.claimant || "unattributed"}`);
    if (disagreeing.has(c.id)) {
      // A red halo behind a disagreeing estimate.
      svg.append(s("line", { class: "disagree-halo", x1: cx, x2: cx, y1: top - 6, y2: bottom + 6, stroke: "#d0021b", "stroke-width": 12, "stroke-linecap": "round", "stroke-opacity": 0.35 }));
    }
    if (Math.abs(bottom - top) < 2) {
      svg.append(s("circle", { class: "claim-range", cx, cy: top, r: 5, fill: color, dataset: { claimId: c.id }, on }, title));
    } else {
      svg.append(s("line", { class: "claim-range", x1: cx, x2: cx, y1: top, y2: bottom, stroke: color, "stroke-width": 4, "stroke-linecap": "round", dataset: { claimId: c.id }, on }, title));
    }
  }
  return svg;
}

async function subjectView(root, subject, state) {
  const colors = new Map();
  for (const c of subject.series) {
    const key = c.claimant || "unattributed";
    if (!colors.has(key)) colors.set(key, paletteColor(colors.size));
  }
  const legend = h("div", { class: "legend" }, [...colors].map(([name, color]) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = color;
    return h("span", {}, swatch, name);
  }));
  const [compared, listed] = await Promise.all([
    get("/api/claims/compare", { subject_key: subject.subject_key }),
    get("/api/claims", { subject_key: subject.subject_key, limit: 500 }),
  ]);
  const comparison = compared.items[0] || { claims: [], disagreements: [], related: [] };
  const byId = new Map(comparison.claims.map((c) => [c.id, c]));
  const rowsById = new Map(listed.items.map((c) => [c.id, c]));
  const claimantOf = (id) => { const c = byId.get(id); return c ? c.claimant_text || c.claimant || "unattributed" : id; };
  const disagreeing = new Set(comparison.disagreements.flatMap((d) => d.claims));
  const rows = subject.series.map((c) => {
    const cmp = byId.get(c.id) || {};
    const against = cmp.disagrees_with || [];
    return h("tr", {
      class: `claim-row${against.length ? " disagrees" : ""}`, dataset: { claimId: c.id, disagrees: against.join(",") },
      on: { click: () => write({ article: c.article_id, hl: `claim:${c.id}` }) },
    }, h("td", {}, c.day || "undated"), h("td", {}, valueText(c)), h("td", {}, c.qualifier || ""),
      h("td", { class: "interval" }, intervalText(cmp.interval)),
      h("td", {}, c.claimant_text || c.claimant || "unattributed"),
      h("td", {}, rowsById.has(c.id) ? trustSignals({ ...rowsById.get(c.id), independent_sources: cmp.independent_sources }) : null,
        against.length ? h("div", { class: "disagree-note small" }, `⚠ disagrees with ${against.map(claimantOf).join(", ")}`) : null));
  });
  const pairs = comparison.disagreements.map((d) => h("li", { class: "disagreement", dataset: { claims: d.claims.join(",") } },
    h("span", { class: "badge disagree-badge" }, "disagree"),
    h("strong", {}, claimantOf(d.claims[0])), ` ${intervalText(d.intervals[0])} vs `,
    h("strong", {}, claimantOf(d.claims[1])), ` ${intervalText(d.intervals[1])}`,
    h("span", { class: "muted small" }, ` · ${d.month} · gap ${format(d.gap)}`)));
  root.append(h("div", { class: "panel", id: "claim-subject" },
    h("h2", {}, `${subject.subject} `, h("span", { class: "muted small" }, subject.subject_key)),
    h("p", { class: "muted small" }, `${subject.claims} claim(s) by ${subject.claimants} claimant(s), ${subject.first_day || "?"} – ${subject.last_day || "?"}; unit: ${subject.unit || "?"}`),
    legend, chart(subject.series, colors, disagreeing),
    h("table", {}, h("tr", {}, h("th", {}, "Day"), h("th", {}, "Value"), h("th", {}, "Qualifier"), h("th", {}, "Interval"),
      h("th", {}, "Claimant"), h("th", {}, "Trust")), rows)),
  h("div", { class: "panel", id: "claim-disagreements" },
    h("h3", {}, `Disagreements (${pairs.length})`),
    h("p", { class: "muted small" }, "Same scope and unit, same month, different articles, intervals that do not overlap."),
    pairs.length ? h("ul", { class: "items" }, pairs) : empty("No estimates of this scope contradict each other.")),
  h("div", { class: "panel", id: "claim-related" },
    h("h3", {}, "Different scope"),
    h("p", { class: "muted small" }, "The same actor and measure for other places: a different question, not a contradiction."),
    comparison.related.length ? h("ul", { class: "items related" }, comparison.related.map((key) => h("li", {
      dataset: { subject: key }, on: { click: () => write({ subject: key }) },
    }, key))) : empty("No other scopes.")));
}

export async function render(root, state) {
  const f = filters(state, CLAIM_FILTERS);
  const input = h("input", { name: "q", placeholder: "Find a subject, e.g. fighters", value: state.q || "" });
  const form = h("form", { class: "search-row", on: { submit: (e) => { e.preventDefault(); write({ q: input.value, subject: "" }); } } },
    input, h("button", { type: "submit" }, "Find"));
  const [data, contested] = await Promise.all([
    get("/api/claims/subjects", { ...f, q: state.q, limit: 200 }),
    get("/api/claims/compare", { disagreements: true }),
  ]);
  const disputed = new Set(contested.items.map((x) => x.subject_key));
  const list = data.items.length ? h("ul", { class: "items subjects" }, data.items.map((x) => h("li", {
    class: x.subject_key === state.subject ? "selected" : null, dataset: { subject: x.subject_key, ...(disputed.has(x.subject_key) ? { disputed: "true" } : {}) },
    on: { click: () => write({ subject: x.subject_key }) },
  }, disputed.has(x.subject_key) ? h("span", { class: "badge disagree-badge", title: "estimates that disagree" }, "disagree") : null,
    h("strong", {}, x.subject), h("div", { class: "muted small" }, `${x.subject_key} · ${x.claims} claim(s)`)))) : empty("No claims match these filters.");
  const side = h("div", { class: "panel" }, h("h2", {}, "Claims by subject"), form, list);
  const main = h("div", {});
  root.append(h("div", { class: "cols" }, side, main));
  const chosen = data.items.find((x) => x.subject_key === state.subject) || data.items[0];
  if (chosen) await subjectView(main, chosen, state);
}
