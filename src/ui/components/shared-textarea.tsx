import { createUniqueId, For, onCleanup, onMount } from 'solid-js';
import { caretPosition } from './caret-position';

export interface RemoteCursorMark {
  name: string;
  color: string;
  index: number;
}

export interface SharedTextareaProps {
  label: string;
  /** Connects the textarea to its shared text; returns the function that disconnects it. */
  bind: (textarea: HTMLTextAreaElement) => () => void;
  cursors: RemoteCursorMark[];
  rows?: number;
}

/** A note several interviewers write at once, with their cursors drawn where they are typing. */
export function SharedTextarea(props: SharedTextareaProps) {
  const id = createUniqueId();
  let textarea!: HTMLTextAreaElement;
  onMount(() => onCleanup(props.bind(textarea)));
  return (
    <div class="shared-text">
      <label for={id}>{props.label}</label>
      <div class="shared-text__box">
        <textarea id={id} ref={textarea} rows={props.rows ?? 4} />
        <For each={props.cursors}>
          {(cursor) => {
            const at = () => caretPosition(textarea, Math.min(cursor.index, textarea.value.length));
            return (
              <span class="remote-cursor" style={{ top: `${at().top}px`, left: `${at().left}px`, height: `${at().height}px`, 'border-color': cursor.color }} aria-hidden="true">
                <span class="remote-cursor__name" style={{ background: cursor.color }}>
                  {cursor.name}
                </span>
              </span>
            );
          }}
        </For>
      </div>
    </div>
  );
}
