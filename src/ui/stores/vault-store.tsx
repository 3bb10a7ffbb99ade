/**
 * The vault as the interface sees it: status, unlock and lock, the idle
 * timer, and the repositories other stores use once unlocked.
 */
import { createContext, createSignal, onCleanup, useContext, type ParentProps } from 'solid-js';
import { AuditLog, CandidDb, Interviews, Keyring, WrongPassphraseError, type VaultStatus } from '../../vault';

const IDLE_SETTING_KEY = 'candid.idleLockMinutes';
export const DEFAULT_IDLE_MINUTES = 15;
export const IDLE_CHOICES = [1, 5, 15, 30, 60] as const;

function savedIdleMinutes(): number {
  const saved = Number(localStorage.getItem(IDLE_SETTING_KEY));
  return (IDLE_CHOICES as readonly number[]).includes(saved) ? saved : DEFAULT_IDLE_MINUTES;
}

export type UnlockResult = 'ok' | 'wrong-passphrase';

function createVaultStore() {
  const db = new CandidDb();
  const keyring = new Keyring(db);
  const interviews = new Interviews(db, keyring);
  // Created with the keyring so that every unlock is logged, whichever page asked for it.
  const audit = new AuditLog(db, keyring);
  const [status, setStatus] = createSignal<VaultStatus | 'opening'>('opening');
  const [idleMinutes, setIdleMinutesSignal] = createSignal(savedIdleMinutes());
  /** Calls in progress keep the vault open: locking mid-interview would stop the recording's bookkeeping. */
  let busy = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  keyring.onChange((next) => setStatus(next));
  void keyring.status().then(setStatus);

  const armIdleTimer = () => {
    clearTimeout(idleTimer);
    if (!keyring.isUnlocked || busy > 0) return;
    idleTimer = setTimeout(() => keyring.lock(), idleMinutes() * 60_000);
  };
  const activity = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
  for (const event of activity) window.addEventListener(event, armIdleTimer, { passive: true });
  keyring.onChange(armIdleTimer);
  onCleanup(() => {
    clearTimeout(idleTimer);
    for (const event of activity) window.removeEventListener(event, armIdleTimer);
  });

  async function attempt(action: () => Promise<void>): Promise<UnlockResult> {
    try {
      await action();
      return 'ok';
    } catch (error) {
      if (error instanceof WrongPassphraseError) return 'wrong-passphrase';
      throw error;
    }
  }

  return {
    db,
    keyring,
    interviews,
    audit,
    status,
    idleMinutes,
    create: (passphrase: string) => keyring.create(passphrase),
    unlock: (passphrase: string) => attempt(() => keyring.unlock(passphrase)),
    changePassphrase: (current: string, next: string) => attempt(() => keyring.changePassphrase(current, next)),
    lock: () => keyring.lock(),
    setIdleMinutes(minutes: number) {
      localStorage.setItem(IDLE_SETTING_KEY, String(minutes));
      setIdleMinutesSignal(minutes);
      armIdleTimer();
    },
    /** Holds the vault open until the returned function is called. */
    holdOpen(): () => void {
      busy++;
      clearTimeout(idleTimer);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy--;
        armIdleTimer();
      };
    },
  };
}

export type VaultStore = ReturnType<typeof createVaultStore>;
const VaultContext = createContext<VaultStore>();

export function VaultProvider(props: ParentProps) {
  return <VaultContext.Provider value={createVaultStore()}>{props.children}</VaultContext.Provider>;
}

export function useVault(): VaultStore {
  const vault = useContext(VaultContext);
  if (vault === undefined) throw new Error('useVault outside VaultProvider');
  return vault;
}
