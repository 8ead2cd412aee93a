// Claims tracker: subjects (subject_key) with their values over time as ranges (low to
// high) coloured by claimant; clicking a claim opens its evidence in the reader.

import { get } from "./api.js";
import { h, s, empty } from "./dom.js";
import { paletteColor } from "./colors.js";
import { dayScale } from "./timescale.js";
import { filters, write } from "./state.js";

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

function chart(series, colors) {
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
  const rows = subject.series.map((c) => h("tr", {
    class: "claim-row", dataset: { claimId: c.id },
    on: { click: () => write({ article: c.article_id, hl: `claim:${c.id}` }) },
  }, h("td", {}, c.day || "undated"), h("td", {}, valueText(c)), h("td", {}, c.qualifier || ""),
    h("td", {}, c.claimant_text || c.claimant || "unattributed")));
  root.append(h("div", { class: "panel", id: "claim-subject" },
    h("h2", {}, `${subject.subject} `, h("span", { class: "muted small" }, subject.subject_key)),
    h("p", { class: "muted small" }, `${subject.claims} claim(s) by ${subject.claimants} claimant(s), ${subject.first_day || "?"} – ${subject.last_day || "?"}; unit: ${subject.unit || "?"}`),
    legend, chart(subject.series, colors),
    h("table", {}, h("tr", {}, h("th", {}, "Day"), h("th", {}, "Value"), h("th", {}, "Qualifier"), h("th", {}, "Claimant")), rows)));
}

export async function render(root, state) {
  const f = filters(state, CLAIM_FILTERS);
  const input = h("input", { name: "q", placeholder: "Find a subject, e.g. fighters", value: state.q || "" });
  const form = h("form", { class: "search-row", on: { submit: (e) => { e.preventDefault(); write({ q: input.value, subject: "" }); } } },
    input, h("button", { type: "submit" }, "Find"));
  const data = await get("/api/claims/subjects", { ...f, q: state.q, limit: 200 });
  const list = data.items.length ? h("ul", { class: "items subjects" }, data.items.map((x) => h("li", {
    class: x.subject_key === state.subject ? "selected" : null, dataset: { subject: x.subject_key },
    on: { click: () => write({ subject: x.subject_key }) },
  }, h("strong", {}, x.subject), h("div", { class: "muted small" }, `${x.subject_key} · ${x.claims} claim(s)`)))) : empty("No claims match these filters.");
  const side = h("div", { class: "panel" }, h("h2", {}, "Claims by subject"), form, list);
  const main = h("div", {});
  root.append(h("div", { class: "cols" }, side, main));
  const chosen = data.items.find((x) => x.subject_key === state.subject) || data.items[0];
  if (chosen) await subjectView(main, chosen, state);
}
