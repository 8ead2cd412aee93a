// Entry point: keeps the filter form, the navigation and the views in step with the URL.

import { get } from "./api.js";
import { h, clear } from "./dom.js";
import { FILTERS, read, write } from "./state.js";
import * as reader from "./reader.js";
import * as timeline from "./timeline.js";
import * as map from "./map.js";
import * as actors from "./actors.js";
import * as claims from "./claims.js";
import * as articles from "./articles.js";
import * as watchlists from "./watchlists.js";

const VIEWS = { timeline, map, actors, claims, articles, watchlists };
const form = document.getElementById("filters");
const viewRoot = document.getElementById("view");
const readerRoot = document.getElementById("reader");
let rendering = 0;
let lastView = null;
let viewDone = Promise.resolve();

function syncForm(state) {
  for (const name of FILTERS) {
    if (form.elements[name]) form.elements[name].value = state[name] || "";
  }
}

async function showStats() {
  const stats = await get("/api/stats");
  document.getElementById("store-stats").textContent =
    `${stats.articles} articles · ${stats.events} events · ${stats.claims} claims · ${stats.actors} actors`;
  return stats;
}

async function fillTypes() {
  const stats = await showStats();
  const select = form.elements.type;
  for (const type of Object.keys(stats.events_by_type).sort()) select.append(h("option", { value: type }, type));
  syncForm(read());
}

async function renderView(name, state) {
  // A fresh box per render: a slower earlier render still finishing writes into its own
  // detached box, never into the view now shown.
  const box = h("div", { class: "view-box" });
  clear(viewRoot).append(box);
  try {
    await VIEWS[name].render(box, state);
  } catch (err) {
    console.error("view failed:", err);
    box.append(h("p", { class: "error" }, `Could not load this view: ${err && err.message ? err.message : err}`));
  }
}

async function renderAll() {
  const state = read();
  const name = VIEWS[state.view] ? state.view : "timeline";
  const ticket = ++rendering;
  syncForm(state);
  for (const link of document.querySelectorAll("#views a")) {
    link.classList.toggle("active", link.dataset.view === name);
    link.href = "#" + new URLSearchParams({ ...Object.fromEntries(FILTERS.filter((k) => state[k]).map((k) => [k, state[k]])), view: link.dataset.view });
  }
  const readerDone = reader.render(readerRoot, state);
  const viewKey = JSON.stringify({ ...state, article: undefined, hl: undefined });
  if (viewKey !== lastView) {
    lastView = viewKey;
    document.body.dataset.ready = "false";
    viewDone = renderView(name, state);
  }
  // hashchange and popstate both fire on Back: the second call waits for the same view.
  await viewDone;
  await readerDone;
  if (ticket === rendering) {
    document.body.dataset.view = name;
    document.body.dataset.ready = "true";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const patch = Object.fromEntries(FILTERS.map((k) => [k, form.elements[k] ? form.elements[k].value.trim() : ""]));
  write({ ...patch, day: "", place: "" });
});
document.getElementById("clear-filters").addEventListener("click", () => {
  write({ ...Object.fromEntries(FILTERS.map((k) => [k, ""])), day: "", place: "" });
});
window.addEventListener("hashchange", renderAll);
window.addEventListener("popstate", renderAll);
window.addEventListener("sitroom:state", renderAll);
// A correction changed what the store returns: draw the view and the reader again.
window.addEventListener("sitroom:reload", () => {
  lastView = null;
  document.body.dataset.ready = "false";
  renderAll();
  showStats().catch(() => {});
});
watchlists.linkFeeds().catch(() => {});
fillTypes().catch((err) => { document.getElementById("store-stats").textContent = err.message; });
renderAll();
