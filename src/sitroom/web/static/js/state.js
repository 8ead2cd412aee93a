// The page state lives in the URL hash (#view=map&actor=Daesh&since=2024-01-01...), so a
// view with its filters and selection can be bookmarked or shared as a link.

export const FILTERS = ["actor", "type", "country", "since", "until", "modality", "source"];

export function read() {
  return Object.fromEntries(new URLSearchParams(location.hash.replace(/^#/, "")));
}

export function write(patch, { replace = false } = {}) {
  const next = { ...read(), ...patch };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) {
    if (value !== null && value !== undefined && value !== "") params.set(key, value);
  }
  const hash = "#" + params.toString();
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
  window.dispatchEvent(new Event("sitroom:state"));
}

export function filters(state = read(), keys = FILTERS) {
  return Object.fromEntries(keys.filter((k) => state[k]).map((k) => [k, state[k]]));
}
