/**
 * Sockets whose closing handshake has begun, destroyed if their peer has not
 * finished it within a grace period. One interval for all of them, running
 * only while some socket is closing: a timer per connection would cost memory
 * at tens of thousands of connections, and closes come in storms (shutdown).
 */
import type { Socket } from 'node:net';

/** How long a peer has to answer our close frame, or to close TCP after we answered theirs. */
export const CLOSE_GRACE_MS = 2000;
const SWEEP_EVERY_MS = 250;

/** Insertion order is deadline order: every socket gets the same grace. */
const deadlines = new Map<Socket, number>();
let sweeper: NodeJS.Timeout | null = null;

export function destroyLater(socket: Socket): void {
  if (deadlines.has(socket)) return;
  deadlines.set(socket, Date.now() + CLOSE_GRACE_MS);
  // Unref'd: a closing socket must not keep a process alive that is otherwise done.
  sweeper ??= setInterval(sweep, SWEEP_EVERY_MS).unref();
}

/** The socket closed by itself; nothing left to do for it. */
export function forget(socket: Socket): void {
  if (!deadlines.delete(socket) || deadlines.size > 0 || sweeper === null) return;
  clearInterval(sweeper);
  sweeper = null;
}

function sweep(): void {
  const now = Date.now();
  for (const [socket, deadline] of deadlines) {
    if (deadline > now) break;
    deadlines.delete(socket);
    socket.destroy();
  }
  if (deadlines.size === 0 && sweeper !== null) {
    clearInterval(sweeper);
    sweeper = null;
  }
}
