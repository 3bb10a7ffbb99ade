import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { useI18n } from '../i18n';
import type { ChatEntry } from '../stores/chat';

export interface ChatPanelProps {
  entries: ChatEntry[];
  unread: number;
  /** Who "me" is on this page, to label lines. */
  me: 'candidate' | 'interviewer';
  onSend: (text: string) => void;
  onOpenChange: (open: boolean) => void;
}

/** The help chat: a toggle with an unread count, the conversation, and a line to type in. */
export function ChatPanel(props: ChatPanelProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const toggle = () => {
    setOpen(!open());
    props.onOpenChange(open());
  };
  return (
    <div class="chat">
      <button type="button" aria-expanded={open()} aria-controls={id} onClick={toggle}>
        {t('chat.toggle')}
        <Show when={props.unread > 0}>
          <span class="badge badge--count" aria-label={t('chat.unread', { count: props.unread })}>
            {props.unread}
          </span>
        </Show>
      </button>
      <Show when={open()}>
        <section id={id} class="chat__panel" aria-label={t('chat.heading')}>
          <ol class="chat__log" aria-live="polite">
            <For each={props.entries}>
              {(entry) => (
                <li classList={{ 'chat__mine': entry.from === props.me }}>
                  <span class="chat__who">{entry.from === props.me ? t('chat.you') : t(entry.from === 'candidate' ? 'call.candidate' : 'call.interviewer')}</span>
                  <span>{entry.text}</span>
                </li>
              )}
            </For>
          </ol>
          <form
            class="chat__form"
            onSubmit={(e) => {
              e.preventDefault();
              const text = draft().trim();
              if (text === '') return;
              props.onSend(text);
              setDraft('');
            }}
          >
            <label class="visually-hidden" for={`${id}-input`}>
              {t('chat.message')}
            </label>
            <input id={`${id}-input`} value={draft()} maxLength={2000} onInput={(e) => setDraft(e.currentTarget.value)} aria-label={t('chat.message')} />
            <button type="submit">{t('chat.send')}</button>
          </form>
        </section>
      </Show>
    </div>
  );
}
