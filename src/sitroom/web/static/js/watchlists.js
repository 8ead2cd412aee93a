// Watchlists view: the saved queries (`sitroom watch add`) with a link to each one's Atom
// feed, so a desk can follow a theatre in any feed reader without opening the page.

import { get } from "./api.js";
import { h, empty } from "./dom.js";

async function list() {
  return (await get("/api/watchlists")).items;
}

function filtersText(filters) {
  if (!filters) return "";
  return typeof filters === "string" ? filters : Object.entries(filters).map(([k, v]) => `${k}: ${v}`).join(", ");
}

export async function render(root) {
  const panel = h("div", { class: "panel", id: "watchlists" }, h("h2", {}, "Watchlists"),
    h("p", { class: "muted small" }, "Saved with ", h("code", {}, "sitroom watch add"), "; each has an Atom feed of its latest events."));
  root.append(panel);
  const items = await list();
  if (!items.length) { panel.append(empty("No watchlists yet.")); return; }
  panel.append(h("table", {},
    h("tr", {}, h("th", {}, "Watchlist"), h("th", {}, "Filters"), h("th", {}, "Last run"), h("th", {}, "Feed")),
    items.map((w) => h("tr", { class: "watchlist", dataset: { name: w.name } },
      h("td", {}, h("strong", {}, w.name)),
      h("td", { class: "small" }, filtersText(w.filters)),
      h("td", { class: "small" }, w.last_run_at || "never"),
      h("td", {}, h("a", { class: "feed-link", href: w.feed, type: "application/atom+xml" }, "Atom feed"))))));
}

// <link rel="alternate"> in the head, so feed readers and browsers find the feeds.
export async function linkFeeds() {
  for (const w of await list()) {
    document.head.append(h("link", { rel: "alternate", type: "application/atom+xml", title: `sitroom: ${w.name}`, href: w.feed }));
  }
}
