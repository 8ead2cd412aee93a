// Timeline view: events per day, stacked by type; clicking a bar lists that day's events.

import { get } from "./api.js";
import { h, s, empty } from "./dom.js";
import { typeColor } from "./colors.js";
import { eventList } from "./eventlist.js";
import { dayScale } from "./timescale.js";
import { filters, write } from "./state.js";

const W = 900, H = 240, LEFT = 34, RIGHT = 10, TOP = 10, BOTTOM = 26;

function chart(days, selected) {
  const byDay = new Map();
  for (const row of days) {
    if (!row.day) continue;
    if (!byDay.has(row.day)) byDay.set(row.day, []);
    byDay.get(row.day).push(row);
  }
  const totals = [...byDay.values()].map((rows) => rows.reduce((n, r) => n + r.events, 0));
  const max = Math.max(1, ...totals);
  const x = dayScale([...byDay.keys()], LEFT, W - RIGHT);
  const y = (n) => ((H - TOP - BOTTOM) * n) / max;
  const width = Math.max(5, Math.min(24, x.dayWidth * 0.8));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", "aria-label": "Events per day by type", class: "timeline" });
  svg.append(s("line", { x1: LEFT, x2: W - RIGHT, y1: H - BOTTOM, y2: H - BOTTOM, stroke: "#999" }));
  for (const tick of x.ticks()) {
    svg.append(s("text", { x: x(tick), y: H - 8, "text-anchor": "middle" }, tick.slice(0, 7)));
  }
  svg.append(s("text", { x: 4, y: TOP + 8 }, String(max)), s("text", { x: 4, y: H - BOTTOM }, "0"));
  for (const [day, rows] of byDay) {
    let base = H - BOTTOM;
    for (const row of rows) {
      const height = Math.max(1, y(row.events));
      base -= height;
      svg.append(s("rect", {
        class: `bar${day === selected ? " selected" : ""}`, x: x(day) - width / 2, y: base, width, height,
        fill: typeColor(row.type), dataset: { day, type: row.type, events: String(row.events) },
        on: { click: () => write({ day }) },
      }, s("title", {}, `${day}: ${row.events} ${row.type}`)));
    }
  }
  return svg;
}

function legend(types, state) {
  return h("div", { class: "legend" }, types.map((type) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.background = typeColor(type);
    return h("button", {
      type: "button", title: `Only ${type}`, dataset: { type },
      on: { click: () => write({ type: state.type === type ? "" : type }) },
    }, swatch, type);
  }));
}

export async function render(root, state) {
  const f = filters(state);
  const data = await get("/api/stats/timeline", f);
  const panel = h("div", { class: "panel" }, h("h2", {}, "Events per day by type"));
  root.append(panel);
  if (!data.days.length) {
    panel.append(empty("No events match these filters."));
    return;
  }
  panel.append(legend(data.types, state), chart(data.days, state.day));
  const total = data.days.reduce((n, r) => n + r.events, 0);
  panel.append(h("p", { class: "muted small" }, `${total} events on ${new Set(data.days.map((r) => r.day)).size} days. Click a bar to list its events.`));
  if (state.day) {
    const events = await get("/api/events", { ...f, since: state.day, until: state.day, limit: 200 });
    root.append(h("div", { class: "panel", id: "day-events" },
      h("h2", {}, `Events on ${state.day} (${events.total})`), eventList(events.items)));
  }
}
