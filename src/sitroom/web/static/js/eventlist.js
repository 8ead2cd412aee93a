// A list of events, each with its trust signals; clicking one opens its article in the
// reader with the evidence marked (and the event's correction panel).

import { h, empty } from "./dom.js";
import { typeColor } from "./colors.js";
import { write } from "./state.js";
import { trustSignals, isCorrected } from "./trust.js";

function names(participants) {
  return (participants || []).map((p) => p.actor || p.text || p.code).filter(Boolean).join(", ");
}

export function eventItem(event) {
  const who = names(event.actors);
  const whom = names(event.recipients);
  const when = event.date_value || (event.day ? `${event.day} (published)` : "undated");
  return h("li", {
    dataset: { eventId: event.id, articleId: event.article_id },
    on: { click: () => write({ article: event.article_id, hl: `event:${event.id}` }) },
  },
    h("span", { class: `badge event-type${isCorrected(event, "type") ? " corrected" : ""}`, text: event.type }),
    h("strong", {}, [who || "?", whom ? ` → ${whom}` : ""]),
    h("span", { class: "muted small" }, ` · ${when}`, event.location_text ? ` · ${event.location_text}` : "",
      event.modality && event.modality !== "asserted" ? ` · ${event.modality}` : ""),
    h("div", { class: "small" }, (event.evidence_text || "").slice(0, 220)),
    h("div", { class: "muted small" }, event.article_title || ""),
    trustSignals(event),
  );
}

export function eventList(events, emptyText = "No events.") {
  if (!events.length) return empty(emptyText);
  const list = h("ul", { class: "items events" }, events.map(eventItem));
  for (const badge of list.querySelectorAll(".event-type")) badge.style.background = typeColor(badge.textContent);
  return list;
}
