/** JSON records sealed under a key with their slot as context. */
import { open, seal, utf8 } from '../crypto';
import { TamperedDataError } from './errors';

export function sealRecord(key: Uint8Array, value: unknown, context: string): Uint8Array {
  return seal(key, utf8.encode(JSON.stringify(value)), context);
}

/** Opens and checks a record; anything that does not open or fit the guard is tampering. */
export function openRecord<T>(key: Uint8Array, sealed: Uint8Array, context: string, guard: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(open(key, sealed, context)));
  } catch {
    throw new TamperedDataError(context);
  }
  if (!guard(value)) throw new TamperedDataError(context);
  return value;
}
