/** The body `PUT /api/preferences` accepts. */
export interface PreferencesUpdate {
  language?: string;
  currency?: string;
}

/**
 * Save the shopper's language and/or currency choice (as cookies, set by the
 * server). Rejects with the server's error message when it refuses.
 */
export async function savePreferences(
  update: PreferencesUpdate,
): Promise<void> {
  const response = await fetch("/api/preferences", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(update),
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
  }
}
