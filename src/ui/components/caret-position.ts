/**
 * Pixel position of a character index inside a <textarea>, measured with a
 * hidden mirror element that wraps text exactly like the textarea does. Used
 * to draw the other interviewers' cursors over a shared note.
 */
const COPIED = [
  'boxSizing', 'width', 'height', 'overflowX', 'overflowY', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize',
  'lineHeight', 'fontFamily', 'textAlign', 'textTransform', 'textIndent', 'letterSpacing', 'wordSpacing', 'tabSize',
] as const;

export function caretPosition(textarea: HTMLTextAreaElement, index: number): { top: number; left: number; height: number } {
  const mirror = document.createElement('div');
  const style = getComputedStyle(textarea);
  for (const property of COPIED) mirror.style[property] = style[property];
  mirror.style.position = 'absolute';
  mirror.style.visibility = 'hidden';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.overflowWrap = 'break-word';
  mirror.textContent = textarea.value.slice(0, index);
  const marker = document.createElement('span');
  marker.textContent = textarea.value.slice(index) || '.';
  mirror.appendChild(marker);
  document.body.appendChild(mirror);
  const position = {
    top: marker.offsetTop + parseFloat(style.borderTopWidth) - textarea.scrollTop,
    left: marker.offsetLeft + parseFloat(style.borderLeftWidth) - textarea.scrollLeft,
    height: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4,
  };
  mirror.remove();
  return position;
}
