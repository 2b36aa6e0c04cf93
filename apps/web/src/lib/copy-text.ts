"use client";

import { toast } from "sonner";

/**
 * Copies `text` to the clipboard. Where that fails (plain http has no `navigator.clipboard`, or
 * the browser refuses), selects the text of `fallback` so the person can copy it with the keyboard
 * and says so. Returns whether the text was copied.
 */
export async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    if (!navigator.clipboard) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallback) {
      const range = document.createRange();
      range.selectNodeContents(fallback);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    toast.error("Couldn't copy automatically. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    return false;
  }
}
