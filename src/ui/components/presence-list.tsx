import { For, Show } from 'solid-js';
import { useI18n } from '../i18n';

export interface PresenceEntry {
  name: string;
  color: string;
  self: boolean;
  /** The label of the field they are editing, if any. */
  editing: string | null;
}

export function PresenceList(props: { people: PresenceEntry[] }) {
  const { t } = useI18n();
  return (
    <ul class="presence" aria-label={t('scorecard.presence')}>
      <For each={props.people}>
        {(person) => (
          <li>
            <span class="presence__dot" style={{ background: person.color }} aria-hidden="true" />
            {person.self ? t('scorecard.you', { name: person.name }) : person.name}
            <Show when={person.editing}>{(field) => <span class="hint"> · {t('scorecard.editing', { field: field() })}</span>}</Show>
          </li>
        )}
      </For>
    </ul>
  );
}
