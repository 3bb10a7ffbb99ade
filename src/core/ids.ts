/** Branded ids: a PeerId can never be passed where an InterviewId is meant. */

export type PeerId = string & { readonly __brand: 'PeerId' };
export type DeviceId = string & { readonly __brand: 'DeviceId' };
export type InterviewId = string & { readonly __brand: 'InterviewId' };

/** 128 random bits as base64url; used for ids that must not collide, not as secrets. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const newPeerId = (): PeerId => randomId() as PeerId;
export const newDeviceId = (): DeviceId => randomId() as DeviceId;

/** Ids arrive from peers too: accept only what we ourselves would generate. */
export function isRandomId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}
