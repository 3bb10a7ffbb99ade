/** How long to wait for the list: a page loaded offline must not hang its join on it. */
const FETCH_TIMEOUT_MS = 3_000;

/** The STUN/TURN servers this deployment hands out at /config.json; null when the server cannot be reached now. */
export async function fetchIceServers(): Promise<RTCIceServer[] | null> {
  try {
    const response = await fetch('/config.json', { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    const body: unknown = await response.json();
    const servers = (body as { iceServers?: unknown }).iceServers;
    return Array.isArray(servers) ? (servers as RTCIceServer[]) : [];
  } catch {
    return null;
  }
}
