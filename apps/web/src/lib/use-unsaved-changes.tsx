"use client";

// Guards a screen with unsaved changes against losing them by leaving:
// - a reload, a close or a navigation to another document: the browser's own `beforeunload` prompt;
// - a click on a same-origin link (Next's <Link> included): intercepted in the capture phase,
//   before Next's handler sees it, and confirmed in the app's dialog;
// - the browser's Back and Forward buttons between pages of the app (same-document traversals):
//   the Navigation API's `navigate` event, which comes before the `popstate` Next's router acts on,
//   is cancelled and the same dialog asks. Browsers without the Navigation API (or that don't let a
//   page cancel a traversal) get the other two guards only.
// The App Router has no router events to block (Next's docs suggest `onNavigate` on every <Link>,
// which would have to be repeated on each link of the app); listening on the document covers all.
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "~/components/confirm-dialog";

/** What the dialog is confirming: following a link, a Back/Forward press, or a caller's action. */
type Pending = { kind: "link"; href: string } | { kind: "traverse"; key: string } | { kind: "action"; run(): void };

/** The parts of the Navigation API used here (not in TypeScript's DOM library yet). */
interface NavigateEventLike extends Event {
  navigationType: "push" | "replace" | "reload" | "traverse";
  destination: { key: string; sameDocument: boolean };
}
interface NavigationLike extends EventTarget {
  traverseTo(key: string): unknown;
}
const navigationApi = (): NavigationLike | undefined => (globalThis as { navigation?: NavigationLike }).navigation;

/** The same-origin page a click on this link would open, or null when the guard leaves it alone. */
function guardedHref(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return null;
  const anchor = (event.target as Element | null)?.closest?.("a[href]");
  if (!(anchor instanceof HTMLAnchorElement)) return null;
  if (anchor.hasAttribute("download") || (anchor.target && anchor.target !== "_self")) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin) return null;
  // Downloads and other route handlers don't leave the page; a link to a fragment of this page neither.
  if (url.pathname.startsWith("/api/")) return null;
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface UnsavedChanges {
  /** The confirmation dialog: render it once on the screen. */
  dialog: ReactNode;
  /** Runs `action` at once when there is nothing to lose, else after the person confirms. */
  confirmDiscard(action: () => void): void;
}

/**
 * While `dirty`, asks before a reload, a link or Back/Forward leaves the screen. One per screen:
 * a screen with several forms passes whether any of them has unsaved changes.
 */
export function useUnsavedChanges(dirty: boolean): UnsavedChanges {
  const router = useRouter();
  const [pending, setPending] = useState<Pending | null>(null);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  // The person chose to leave: the guard lets that navigation through, until it has happened
  // (a new path) or the screen is clean again; a screen that stays mounted across the navigation
  // (a layout, a page whose search params changed) is guarded again from then on.
  const leaving = useRef(false);
  const pathname = usePathname();
  // A new path is what ends the leaving.
  useEffect(() => {
    leaving.current = false;
  }, [pathname]);

  useEffect(() => {
    if (!dirty) return;
    leaving.current = false;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (leaving.current) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      const href = guardedHref(event);
      if (!href || leaving.current) return;
      event.preventDefault();
      event.stopPropagation();
      setPending({ kind: "link", href });
    };
    // Back/Forward to another page of the app: cancelled before the URL changes (a traversal to
    // another document is left to beforeunload).
    const onNavigate = (event: Event) => {
      const e = event as NavigateEventLike;
      if (e.navigationType !== "traverse" || !e.cancelable || !e.destination.sameDocument || leaving.current) return;
      e.preventDefault();
      setPending({ kind: "traverse", key: e.destination.key });
    };
    const nav = navigationApi();
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    nav?.addEventListener("navigate", onNavigate);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
      nav?.removeEventListener("navigate", onNavigate);
    };
  }, [dirty]);

  const leave = useCallback(() => {
    const next = pending;
    setPending(null);
    if (!next) return;
    if (next.kind === "action") {
      next.run();
      return;
    }
    leaving.current = true;
    if (next.kind === "link") router.push(next.href);
    else navigationApi()?.traverseTo(next.key);
  }, [pending, router]);

  const confirmDiscard = useCallback((action: () => void) => {
    if (dirtyRef.current) setPending({ kind: "action", run: action });
    else action();
  }, []);

  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      onClose={() => setPending(null)}
      title="Leave without saving?"
      description="You have changes that aren't saved. If you leave now, they are lost. Stay to save them first."
      cancelLabel="Stay on this page"
      confirmLabel="Leave without saving"
      destructive
      closeOnConfirm
      onConfirm={leave}
    />
  );
  return { dialog, confirmDiscard };
}
