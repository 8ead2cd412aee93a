// Map view: geocoded events clustered per location over country outlines from the
// world-atlas package (no tile server: the basemap works offline).

import { get } from "./api.js";
import { h, empty } from "./dom.js";
import { eventList } from "./eventlist.js";
import { filters, write } from "./state.js";

let countries = null;

async function countryLayer() {
  if (!countries) {
    const response = await fetch("/vendor/world-atlas/countries-50m.json");
    if (!response.ok) throw new Error("country outlines missing (run scripts/setup-env.sh)");
    const topology = await response.json();
    countries = topojson.feature(topology, topology.objects.countries);
  }
  return L.geoJSON(countries, {
    interactive: false,
    style: () => ({ className: "country", color: "#8d99ab", weight: 0.6, fillColor: "#f3f1ea", fillOpacity: 1 }),
  });
}

function marker(point) {
  const label = h("span", {}, String(point.events));
  const icon = L.divIcon({ className: "pt", html: label, iconSize: [24, 24] });
  const m = L.marker([point.lat, point.lon], { icon, title: point.name || point.place || "" });
  m.sitroomEvents = point.events;
  m.bindTooltip(h("span", {}, `${point.name || point.place}: ${point.events} events (${point.types.join(", ")})`));
  m.on("click", () => write({ place: point.place }));
  m.on("add", () => m.getElement()?.setAttribute("data-place", point.place || ""));
  return m;
}

export async function render(root, state) {
  if (typeof L === "undefined") {
    root.append(h("p", { class: "error" }, "Map libraries missing: run scripts/setup-env.sh (npm ci)."));
    return;
  }
  const f = filters(state);
  const data = await get("/api/stats/map", f);
  const box = h("div", { id: "map", role: "application", "aria-label": "Map of events" });
  const panel = h("div", { class: "panel" }, h("h2", {}, `Map of events (${data.points.reduce((n, p) => n + p.events, 0)} geocoded)`), box);
  root.append(panel);
  const map = L.map(box, { worldCopyJump: true, attributionControl: true, minZoom: 1, maxZoom: 10 });
  map.attributionControl.setPrefix(false).addAttribution("Outlines: Natural Earth via world-atlas");
  (await countryLayer()).addTo(map);
  const cluster = L.markerClusterGroup({
    iconCreateFunction: (c) => {
      const n = c.getAllChildMarkers().reduce((sum, m) => sum + m.sitroomEvents, 0);
      return L.divIcon({ className: "marker-cluster marker-cluster-medium", html: h("div", {}, h("span", {}, String(n))), iconSize: [40, 40] });
    },
  });
  for (const point of data.points) cluster.addLayer(marker(point));
  cluster.addTo(map);
  if (data.points.length) {
    map.fitBounds(L.latLngBounds(data.points.map((p) => [p.lat, p.lon])).pad(0.3), { maxZoom: 6 });
  } else {
    map.setView([33, 40], 4);
    panel.append(empty("No geocoded events match these filters."));
  }
  if (state.place) {
    const events = await get("/api/events", { ...f, place: state.place, limit: 200 });
    const name = data.points.find((p) => p.place === state.place)?.name || state.place;
    root.append(h("div", { class: "panel", id: "place-events" },
      h("h2", {}, `Events at ${name} (${events.total})`), eventList(events.items)));
  }
}
