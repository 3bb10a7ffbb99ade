/** The STUN/TURN servers this deployment hands out at /config.json. */
export async function fetchIceServers(): Promise<RTCIceServer[]> {
  try {
    const response = await fetch('/config.json');
    const body: unknown = await response.json();
    const servers = (body as { iceServers?: unknown }).iceServers;
    return Array.isArray(servers) ? (servers as RTCIceServer[]) : [];
  } catch {
    // Without the server's list we still connect on the local network; calls across NATs need STUN.
    return [];
  }
}
