// Actor pages: the actor list, and one actor's codings and roles over time, events as
// actor and as recipient, and the actors it appears with.

import { get, actor as fetchActor } from "./api.js";
import { h, s, empty } from "./dom.js";
import { paletteColor } from "./colors.js";
import { eventList } from "./eventlist.js";
import { dayScale } from "./timescale.js";
import { write } from "./state.js";
import { actorForm, auditTrail } from "./corrections.js";

function actorList(root, state) {
  const input = h("input", { name: "q", placeholder: "Find an actor by name or alias", value: state.q || "" });
  const form = h("form", { class: "search-row", on: { submit: (e) => { e.preventDefault(); write({ q: input.value }); } } },
    input, h("button", { type: "submit" }, "Find"));
  const panel = h("div", { class: "panel" }, h("h2", {}, "Actors"), form);
  root.append(panel);
  return get("/api/actors", { q: state.q, country: state.country, limit: 100 }).then((data) => {
    if (!data.items.length) { panel.append(empty("No actors match.")); return; }
    panel.append(h("table", { class: "actors" },
      h("tr", {}, h("th", {}, "Actor"), h("th", {}, "Kind"), h("th", {}, "Country"), h("th", {}, "Sector"), h("th", {}, "Articles")),
      data.items.map((a) => h("tr", {},
        h("td", {}, h("button", { type: "button", class: "link", dataset: { actor: a.id }, on: { click: () => write({ who: a.id }) } }, a.name || a.id)),
        h("td", {}, a.kind || ""), h("td", {}, a.country || ""), h("td", {}, a.sector || ""), h("td", {}, String(a.articles))))));
  });
}

function spans(page) {
  // Codings seen in articles, then dated roles from the knowledge base and the text.
  const rows = page.codings.map((c) => ({
    label: [c.country, c.sector, c.kind].filter(Boolean).join(" · ") || "uncoded",
    start: c.first_seen, end: c.last_seen, note: `seen in ${c.articles} article(s)`,
  }));
  for (const r of page.roles) {
    rows.push({
      label: [r.title, r.country, r.sector].filter(Boolean).join(" · ") || "role",
      start: r.start_date, end: r.end_date, note: r.evidence_text || r.source || "",
    });
  }
  // The same role is recorded once per article that taught it: draw it once.
  const seen = new Set();
  return rows.filter((r) => {
    const key = `${r.label}|${r.start}|${r.end}`;
    if ((!r.start && !r.end) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function rolesChart(rows) {
  if (!rows.length) return empty("No dated codings or roles.");
  const today = new Date().toISOString().slice(0, 10);
  const W = 900, ROW = 18, LEFT = 260, TOP = 4;
  const ends = rows.map((r) => [r.start || r.end, r.end || today]);
  const x = dayScale(ends.flat(), LEFT, W - 10);
  const H = TOP + rows.length * ROW + 22;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "roles", role: "img", "aria-label": "Roles over time" });
  rows.forEach((r, i) => {
    const [a, b] = ends[i];
    const y = TOP + i * ROW;
    svg.append(s("text", { x: 4, y: y + 12 }, r.label.slice(0, 48)));
    svg.append(s("rect", { x: x(a), y: y + 3, width: Math.max(3, x(b) - x(a)), height: ROW - 6, fill: paletteColor(i), rx: 2 },
      s("title", {}, `${r.label}: ${r.start || "?"} – ${r.end || "now"} (${r.note})`)));
  });
  for (const tick of x.ticks()) svg.append(s("text", { x: x(tick), y: H - 6, "text-anchor": "middle" }, tick.slice(0, 7)));
  return svg;
}

async function actorPage(root, state) {
  const page = await fetchActor(state.who);
  const a = page.actor;
  const head = h("div", { class: "panel", id: "actor-page" },
    h("p", {}, h("button", { type: "button", class: "link", on: { click: () => write({ who: "" }) } }, "← all actors")),
    h("h2", {}, a.name || a.id),
    h("p", { class: "muted" }, [a.id, a.kind, a.country, a.sector].filter(Boolean).join(" · "), ` · ${a.articles} article(s)`),
    a.aliases.length ? h("p", { class: "small" }, "Also: ", a.aliases.slice(0, 20).join(", "), a.aliases.length > 20 ? ", …" : "") : null,
    h("h3", {}, "Codings and roles over time"), rolesChart(spans(page)));
  const coActors = h("div", { class: "panel" }, h("h3", {}, "Appears with"),
    page.co_actors.length ? h("ul", { class: "items co-actors" }, page.co_actors.map((c) => h("li", {
      dataset: { actor: c.id }, on: { click: () => write({ who: c.id }) },
    }, h("strong", {}, c.name || c.id), h("span", { class: "muted small" }, ` · ${c.articles} article(s), ${c.events} event(s) together`)))) : empty("No other actors."));
  const correct = h("div", { class: "panel", id: "actor-corrections" }, actorForm(a), await auditTrail(a.id, "actor"));
  root.append(head, h("div", { class: "cols" },
    h("div", { class: "panel", id: "as-actor" }, h("h3", {}, `As actor (${page.as_actor.total})`), eventList(page.as_actor.items, "Never the actor.")),
    h("div", { class: "panel", id: "as-recipient" }, h("h3", {}, `As recipient (${page.as_recipient.total})`), eventList(page.as_recipient.items, "Never the recipient."))),
  coActors, correct);
}

export function render(root, state) {
  return state.who ? actorPage(root, state) : actorList(root, state);
}
