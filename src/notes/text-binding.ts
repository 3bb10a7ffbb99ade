/**
 * Binds a <textarea> to a Y.Text: typing becomes the smallest insert and
 * delete, and remote edits update the field while keeping the local cursor
 * where it was in the text (through relative positions).
 */
import * as Y from 'yjs';

/** Common prefix and suffix of two strings: what changed between them lies in the middle. */
export function diff(before: string, after: string): { at: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { at: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text, maxLength: number, onSelection: (anchor: number, head: number) => void): () => void {
  textarea.value = text.toString();

  const onInput = () => {
    const next = textarea.value.slice(0, maxLength);
    const change = diff(text.toString(), next);
    text.doc?.transact(() => {
      if (change.remove > 0) text.delete(change.at, change.remove);
      if (change.insert) text.insert(change.at, change.insert);
    });
    if (next !== textarea.value) textarea.value = next;
    onSelection(textarea.selectionStart, textarea.selectionEnd);
  };

  const onRemote = (event: Y.YTextEvent) => {
    if (event.transaction.local) return;
    const focused = document.activeElement === textarea;
    const start = Y.createRelativePositionFromTypeIndex(text, textarea.selectionStart);
    const end = Y.createRelativePositionFromTypeIndex(text, textarea.selectionEnd);
    textarea.value = text.toString();
    if (!focused || text.doc === null) return;
    const doc = text.doc;
    const from = Y.createAbsolutePositionFromRelativePosition(start, doc)?.index ?? 0;
    const to = Y.createAbsolutePositionFromRelativePosition(end, doc)?.index ?? from;
    textarea.setSelectionRange(from, to);
  };

  const onSelect = () => onSelection(textarea.selectionStart, textarea.selectionEnd);

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('select', onSelect);
  textarea.addEventListener('keyup', onSelect);
  textarea.addEventListener('click', onSelect);
  textarea.addEventListener('focus', onSelect);
  text.observe(onRemote);
  return () => {
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('select', onSelect);
    textarea.removeEventListener('keyup', onSelect);
    textarea.removeEventListener('click', onSelect);
    textarea.removeEventListener('focus', onSelect);
    text.unobserve(onRemote);
  };
}
