/** Scorecard rubrics saved per position, sealed by the vault key, so the next interview for that position starts from them. */
import { bytesToHex, sha256, utf8 } from '../crypto';
import type { CandidDb } from './db';
import type { Keyring } from './keyring';
import { openRecord, sealRecord } from './sealed-json';

export interface Template {
  position: string;
  /** Opaque to the vault: the notes module's rubric. */
  rubric?: unknown;
  /** The position's question bank. */
  questions?: unknown;
  savedAt: number;
}

function isTemplate(value: unknown): value is Template {
  return typeof value === 'object' && value !== null && typeof (value as Template).position === 'string' && typeof (value as Template).savedAt === 'number';
}

/** Keyed by a digest of the normalised position: the position's name is not in clear. */
const templateId = (position: string) => bytesToHex(sha256(utf8.encode(position.trim().toLocaleLowerCase()))).slice(0, 32);
const context = (id: string) => `candid/template/${id}`;

export class Templates {
  constructor(
    private readonly db: CandidDb,
    private readonly keyring: Keyring,
  ) {}

  /** Saves the rubric or the question bank for a position, keeping the other part. */
  async save(position: string, part: { rubric?: unknown; questions?: unknown }): Promise<void> {
    const id = templateId(position);
    await this.db.transaction('rw', this.db.templates, async () => {
      const existing = await this.forPosition(position);
      const template: Template = { ...existing, ...part, position, savedAt: Date.now() };
      await this.db.templates.put({ id, sealed: sealRecord(this.keyring.key(), template, context(id)) });
    });
  }

  async forPosition(position: string): Promise<Template | null> {
    const id = templateId(position);
    const row = await this.db.templates.get(id);
    return row ? openRecord(this.keyring.key(), row.sealed, context(id), isTemplate) : null;
  }
}
