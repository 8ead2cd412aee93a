// Articles view: full-text search (every word must start a word) or the newest articles.

import { get } from "./api.js";
import { h, empty } from "./dom.js";
import { filters, write } from "./state.js";

function snippet(sn) {
  if (!sn || sn.hit_start === null) return h("div", { class: "small" }, sn ? sn.text : "");
  const a = sn.hit_start - sn.offset, b = sn.hit_end - sn.offset;
  return h("div", { class: "small" }, "…", sn.text.slice(0, a), h("mark", {}, sn.text.slice(a, b)), sn.text.slice(b), "…");
}

export async function render(root, state) {
  const input = h("input", { name: "q", placeholder: "Search titles and text", value: state.q || "" });
  const form = h("form", { class: "search-row", on: { submit: (e) => { e.preventDefault(); write({ q: input.value }); } } },
    input, h("button", { type: "submit" }, "Search"));
  const panel = h("div", { class: "panel" }, h("h2", {}, "Articles"), form);
  root.append(panel);
  const data = state.q
    ? await get("/api/search", { q: state.q, limit: 100 })
    : await get("/api/articles", { ...filters(state, ["source", "since", "until"]), limit: 100 });
  panel.append(h("p", { class: "muted small" }, `${data.total} article(s)`));
  if (!data.items.length) { panel.append(empty("No articles.")); return; }
  panel.append(h("ul", { class: "items articles" }, data.items.map((a) => h("li", {
    dataset: { articleId: a.id }, on: { click: () => write({ article: a.id, hl: "" }) },
  }, h("strong", {}, a.title || "(untitled)"),
    h("div", { class: "muted small" }, [a.published, a.outlet, a.source].filter(Boolean).join(" · "), a.duplicate_of ? " · near-duplicate" : ""),
    a.snippet ? snippet(a.snippet) : null))));
}
