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

/** The fallback: select the text in its field so the person can press Ctrl+C. */
export function selectText(field: HTMLInputElement | HTMLTextAreaElement): void {
  field.focus();
  field.select();
}
