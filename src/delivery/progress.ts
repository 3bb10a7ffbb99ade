/** How far a recording's delivery has come, in slices (about a second each). */
export interface DeliveryProgress {
  /** Slices recorded (sender) or offered to us (receiver). */
  total: number;
  /** Slices the receiver holds, checked and stored. */
  delivered: number;
  /** Every track has stopped and all of it is delivered: nothing more will come. */
  complete: boolean;
}

export interface TrackProgress {
  count: number;
  delivered: number;
  stopped: boolean;
}

export function summarize(tracks: Iterable<TrackProgress>): DeliveryProgress {
  let total = 0;
  let delivered = 0;
  let complete = true;
  for (const track of tracks) {
    const held = Math.min(track.delivered, track.count);
    total += track.count;
    delivered += held;
    complete &&= track.stopped && held === track.count;
  }
  return { total, delivered, complete };
}
