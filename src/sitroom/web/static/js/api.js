// Calls to the sitroom HTTP API on the page's own origin.

export class ApiError extends Error {}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `${response.status} ${response.statusText}`;
    throw new ApiError(message);
  }
  return body;
}

export const article = (id) => get(`/api/articles/${encodeURIComponent(id)}`);
export const actor = (id) => get(`/api/actors/${encodeURIComponent(id)}`);
