// Corrections from the page: one form per event, claim or actor, POSTed to
// /api/corrections with the operator's token, and each item's audit trail.
//
// The token is typed once and kept in sessionStorage (gone when the tab closes), sent
// only as an Authorization header, never put in the URL. After a correction the page
// reloads its views ("sitroom:reload"), so the corrected value and badge show at once.

import { get, post } from "./api.js";
import { h, empty } from "./dom.js";
import { PLOVER_TYPES } from "./colors.js";
import { write } from "./state.js";

const TOKEN_KEY = "sitroom.token";
const OPERATOR_KEY = "sitroom.operator";
const MODALITIES = ["asserted", "planned", "negated", "hypothetical"];
const QUALIFIERS = ["exact", "about", "up_to", "at_most", "at_least", "more_than", "less_than", "range"];

function remembered(key) {
  try { return sessionStorage.getItem(key) || ""; } catch { return ""; }
}

function remember(key, value) {
  try {
    if (value) sessionStorage.setItem(key, value);
    else sessionStorage.removeItem(key);
  } catch { /* storage off: the value is only used for this form */ }
}

function field(label, input) {
  return h("label", {}, h("span", {}, label), input);
}

function input(name, value, attrs = {}) {
  return h("input", { name, value: value ?? "", ...attrs });
}

function select(name, choices, current, blank = null) {
  const node = h("select", { name },
    blank !== null ? h("option", { value: "" }, blank) : null,
    choices.map((c) => h("option", { value: c, selected: c === current }, c)));
  node.value = current ?? "";
  return node;
}

function operatorFields() {
  const token = input("token", remembered(TOKEN_KEY), { type: "password", autocomplete: "off", placeholder: "operator token" });
  const by = input("by", remembered(OPERATOR_KEY), { placeholder: "your name (optional)" });
  token.addEventListener("change", () => remember(TOKEN_KEY, token.value.trim()));
  by.addEventListener("change", () => remember(OPERATOR_KEY, by.value.trim()));
  return h("div", { class: "operator" }, field("Token", token), field("By", by));
}

function describe(err) {
  const where = err.status ? `${err.status}${err.code ? " " + err.code : ""}: ` : "";
  return `${where}${err.message}`;
}

function changed(form, names, current) {
  const out = {};
  for (const name of names) {
    const value = form.elements[name].value.trim();
    const was = current[name] === null || current[name] === undefined ? "" : String(current[name]);
    if (value !== was) out[name] = value;
  }
  return out;
}

// One form: its fields, and buttons that each build a request body from the form (or
// null with a reason when there is nothing to send).
function correctionForm({ id, title, fields, actions }) {
  const status = h("p", { class: "correction-status small", role: "status" });
  const form = h("form", { class: "correction-form", id, autocomplete: "off" },
    h("h3", {}, title), h("div", { class: "fields" }, fields), field("Why", h("textarea", { name: "why", rows: 2, placeholder: "what the source really says" })),
    operatorFields(), h("div", { class: "actions" }, actions.map(([label, name]) => h("button", { type: "submit", value: name, dataset: { action: name } }, label))),
    status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const action = actions.find(([, name]) => name === (event.submitter ? event.submitter.value : actions[0][1]));
    const built = action[2](form);
    status.className = "correction-status small";
    if (typeof built === "string") { status.classList.add("error"); status.textContent = built; return; }
    const token = form.elements.token.value.trim();
    remember(TOKEN_KEY, token);
    remember(OPERATOR_KEY, form.elements.by.value.trim());
    const body = { ...built, why: form.elements.why.value.trim() || null, by: form.elements.by.value.trim() || null };
    status.textContent = "Saving…";
    for (const button of form.querySelectorAll("button")) button.disabled = true;
    try {
      const made = await post("/api/corrections", body, token);
      status.textContent = `Saved ${made.total} edit(s).`;
      // A merged actor lives on as the actor it was merged into: show that one.
      if (body.action === "merge") write({ who: body.into });
      else window.dispatchEvent(new CustomEvent("sitroom:reload", { detail: { body, made } }));
    } catch (err) {
      status.classList.add("error");
      status.setAttribute("role", "alert");
      status.textContent = `Correction refused — ${describe(err)}`;
    } finally {
      for (const button of form.querySelectorAll("button")) button.disabled = false;
    }
  });
  return form;
}

const review = (kind, id, action) => () => ({ kind, id, action });

export function eventForm(e) {
  const current = { type: e.type, mode: e.mode, modality: e.modality, date: e.date_value, place: e.location_place };
  const save = (form) => {
    const set = changed(form, Object.keys(current), current);
    return Object.keys(set).length ? { kind: "event", id: e.id, set } : "Nothing changed: edit a field, or confirm or reject.";
  };
  return correctionForm({
    id: "correct-event", title: "Correct this event",
    fields: [
      field("Type", select("type", PLOVER_TYPES, e.type)),
      field("Mode", input("mode", e.mode, { placeholder: "e.g. airstrike" })),
      field("Modality", select("modality", MODALITIES, e.modality)),
      field("Date", input("date", e.date_value, { placeholder: "YYYY[-MM[-DD]]", size: 10 })),
      field("Place", input("place", e.location_place, { placeholder: "place id or name" })),
    ],
    actions: [["Save changes", "set", save], ["Confirm", "confirm", review("event", e.id, "confirm")],
      ["Reject", "reject", review("event", e.id, "reject")]],
  });
}

export function claimForm(c) {
  const current = { low: c.low, high: c.high, qualifier: c.qualifier };
  const save = (form) => {
    const set = changed(form, ["low", "high", "qualifier"], current);
    return Object.keys(set).length ? { kind: "claim", id: c.id, set } : "Nothing changed: edit a value, or confirm or reject.";
  };
  return correctionForm({
    id: "correct-claim", title: "Correct this claim",
    fields: [
      field("Low", input("low", c.low, { inputmode: "decimal", size: 9 })),
      field("High", input("high", c.high, { inputmode: "decimal", size: 9 })),
      field("Qualifier", select("qualifier", QUALIFIERS, c.qualifier)),
    ],
    actions: [["Save changes", "set", save], ["Confirm", "confirm", review("claim", c.id, "confirm")],
      ["Reject", "reject", review("claim", c.id, "reject")]],
  });
}

export function actorForm(a) {
  const merge = (form) => {
    const into = form.elements.into.value.trim();
    return into ? { kind: "actor", id: a.id, action: "merge", into } : "Merge: name the actor to merge into.";
  };
  const role = (form) => {
    const v = (name) => form.elements[name].value.trim() || null;
    if (!v("country") && !v("sector")) return "Role: give a country or a sector.";
    return { kind: "actor", id: a.id, action: "role", country: v("country"), sector: v("sector"),
      start: v("start"), end: v("end"), title: v("title") };
  };
  return correctionForm({
    id: "correct-actor", title: "Correct this actor",
    fields: [
      field("Merge into", input("into", "", { placeholder: "actor id" })),
      field("Country", input("country", "", { placeholder: a.country || "ISO3", size: 5 })),
      field("Sector", input("sector", "", { placeholder: a.sector || "GOV", size: 5 })),
      field("From", input("start", "", { type: "date" })),
      field("To", input("end", "", { type: "date" })),
      field("Title", input("title", "", { placeholder: "e.g. president" })),
    ],
    actions: [["Merge", "merge", merge], ["Save role", "role", role]],
  });
}

function shown(value) {
  if (value === null || value === undefined || value === "") return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

// The edits of one event, claim or actor, oldest first. An actor's trail also lists the
// actors merged into it, since their rows now count as this actor.
export async function auditTrail(targetId, kind = null) {
  const box = h("div", { class: "audit-trail", dataset: { target: targetId } }, h("h3", {}, "Audit trail"));
  let items;
  try {
    items = kind === "actor"
      ? (await get("/api/corrections", { kind })).items.filter((c) => c.target_id === targetId || (c.action === "merge" && c.new === targetId))
      : (await get("/api/corrections", { target: targetId })).items;
  } catch (err) {
    box.append(h("p", { class: "error" }, `Audit trail: ${describe(err)}`));
    return box;
  }
  if (!items.length) { box.append(empty("No corrections yet.")); return box; }
  box.append(h("table", { class: "small" },
    h("tr", {}, h("th", {}, "What"), h("th", {}, "Old → new"), h("th", {}, "Why"), h("th", {}, "When"), h("th", {}, "By")),
    items.map((c) => h("tr", { class: "audit-row", dataset: { field: c.field || c.action, action: c.action, target: c.target_id } },
      h("td", {}, c.field && c.field !== c.action ? `${c.action} ${c.field}` : c.action, c.target_id !== targetId ? ` (${c.target_id})` : ""),
      h("td", {}, `${shown(c.old)} → ${shown(c.new)}`),
      h("td", {}, c.why || ""),
      h("td", {}, (c.made_at || "").replace("T", " ").slice(0, 19)),
      h("td", {}, c.operator || "")))));
  return box;
}
