/** Copies text with the async Clipboard API; false where it is missing or refused (plain http, no permission). */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) {
      return false;
    }
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The fallback for a field: select its text so the person can press Ctrl+C. */
export function selectText(field: HTMLInputElement | HTMLTextAreaElement): void {
  field.focus();
  field.select();
}

/** The fallback for any element: select what it shows so the person can press Ctrl+C. */
export function selectContents(element: HTMLElement): void {
  const selection = element.ownerDocument.getSelection();
  if (!selection) {
    return;
  }
  const range = element.ownerDocument.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
  element.focus();
}
