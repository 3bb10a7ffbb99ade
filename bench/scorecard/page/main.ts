/**
 * One bench peer: the real scorecard room (ScorecardRoom over our signaling
 * server) and document. Edits carry a marker; every peer notes, on its own
 * clock (epoch ms, comparable across pages on one machine), when each marker
 * first appears.
 */
import { Doc, Scorecard, ScorecardRoom } from '../../../src/notes';

const params = new URLSearchParams(location.search);
const doc = new Doc();
const card = new Scorecard(doc);
const room = new ScorecardRoom(doc, {
  room: params.get('room') ?? 'bench',
  password: 'bench password',
  signalingUrl: `ws://${location.host}/signal`,
  iceServers: [],
  user: { name: params.get('name') ?? 'peer', fingerprint: params.get('name') ?? 'peer', color: '#000' },
});
const now = () => performance.timeOrigin + performance.now();
const seen = new Map<string, number>();

card.takeaways.observe((event) => {
  for (const change of event.delta) {
    if (typeof change.insert !== 'string') continue;
    for (const [, marker] of change.insert.matchAll(/<(\d+)>/g)) if (marker !== undefined && !seen.has(marker)) seen.set(marker, now());
  }
});

Object.assign(window, {
  bench: {
    peers: () => room.connectedPeers,
    edit(marker: number): number {
      const at = now();
      card.takeaways.insert(card.takeaways.length, `<${marker}>`);
      return at;
    },
    arrivals: () => Object.fromEntries(seen),
  },
});
const status = document.getElementById('status');
if (status) status.textContent = 'ready';
