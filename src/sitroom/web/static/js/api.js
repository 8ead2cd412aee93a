// Calls to the sitroom HTTP API on the page's own origin.

export class ApiError extends Error {
  constructor(message, status = 0, code = "") {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function answer(response) {
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    // The API's own JSON error ({"error": {"code", "message"}}) says what went wrong.
    const error = body && body.error ? body.error : {};
    throw new ApiError(error.message || response.statusText || "request failed", response.status, error.code || "");
  }
  return body;
}

export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  return answer(await fetch(url, { headers: { Accept: "application/json" } }));
}

export async function post(path, body, token) {
  const headers = { Accept: "application/json", "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  return answer(await fetch(path, { method: "POST", headers, body: JSON.stringify(body) }));
}

export const article = (id) => get(`/api/articles/${encodeURIComponent(id)}`);
export const actor = (id) => get(`/api/actors/${encodeURIComponent(id)}`);
