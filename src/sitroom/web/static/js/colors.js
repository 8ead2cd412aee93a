// Stable colours per event type (PLOVER), and a palette for claimants.

const TYPE_COLORS = {
  AGREE: "#2e86c1", CONSULT: "#5dade2", SUPPORT: "#48c9b0", COOPERATE: "#17a589", AID: "#27ae60",
  RETREAT: "#82e0aa", CONCEDE: "#a9cce3", REQUEST: "#f7dc6f", ACCUSE: "#f0b27a", REJECT: "#e59866",
  THREATEN: "#dc7633", PROTEST: "#af7ac5", SANCTION: "#884ea0", MOBILIZE: "#b03a2e", COERCE: "#cb4335",
  ASSAULT: "#922b21",
};
const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
  "#7f7f7f", "#bcbd22"];

/** The 16 PLOVER event types, in the ontology's order (the choices a recode offers). */
export const PLOVER_TYPES = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] || "#7f8c8d";
}

export function paletteColor(index) {
  return PALETTE[index % PALETTE.length];
}
