"use client";

// What the screens that edit one content item share (the content editor and a task's review):
// loading it, saving a new version from the version the form started from (a conflict is kept for
// the screen to show rather than overwriting), the quiz's draw settings, publish and unpublish.
// Publish saves first: with unsaved changes in the form or in the quiz's draw settings, they are
// saved as new versions and the last one is published (`expectedVersion`); a save that fails
// (invalid fields, a conflict, an error) publishes nothing, and the person is told why.
// A version saved elsewhere (another tab, a colleague) that arrives while there are unsaved
// changes doesn't replace what is being edited: the form stays on the version it started from
// (so its save is a CONFLICT, never an overwrite) and the screen shows the conflict.
import type { ContentDetail } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { api } from "~/trpc/react";
import type { QuizDrawHandle } from "./[id]/editable-questions";
import type { ContentFormHandle } from "./content-form";
import { type ContentFormOutput, type QuizDraw, toInput, withQuizDraw } from "./content-form-model";

/** The toasts that differ between the screens. */
interface Messages {
  published(item: ContentDetail): string;
  saved(item: ContentDetail): string;
  drawSaved(draw: QuizDraw | null): string;
}

const isConflict = (error: unknown): error is Error =>
  error instanceof TRPCClientError && error.data?.code === "CONFLICT";

export function useContentItem(contentId: string, messages: Messages) {
  const utils = api.useUtils();
  const query = api.content.get.useQuery({ contentId });
  const [conflict, setConflict] = useState<string | null>(null);
  // Versions made by the Questions card (a draw change) map to the version the form was started
  // from, so the form keeps what the user is typing; other new versions start the form afresh.
  const [formBase, setFormBase] = useState<Record<number, number>>({});

  /** The versions this screen made (saves, restores, publish): they replace the form's item even while dirty. */
  const ownVersions = useRef(new Set<number>());
  /** The item the form and the Questions card started from. */
  const shown = useRef<ContentDetail | null>(null);
  // Renders the screen again once `loadLatest` has let the latest version replace a held one.
  const [, setReleased] = useState(0);
  const saved = async (item: ContentDetail, message: string) => {
    ownVersions.current.add(item.version);
    utils.content.get.setData({ contentId }, item);
    await Promise.all([utils.content.list.invalidate(), utils.content.listVersions.invalidate({ contentId })]);
    toast.success(message);
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const update = api.content.update.useMutation();
  const publish = api.content.publish.useMutation({
    onSuccess: (item) => saved(item, messages.published(item)),
    onError(error) {
      if (isConflict(error)) setConflict(error.message);
      else onError(error);
    },
  });
  /** The content form on the screen, so Publish can save its changes first. */
  const formRef = useRef<ContentFormHandle>(null);
  /** The quiz's Questions card, so Publish can save its draw settings first. */
  const drawRef = useRef<QuizDrawHandle>(null);
  /** The version the last save made (what Publish publishes after saving). */
  const lastSaved = useRef<ContentDetail | null>(null);
  const [savingToPublish, setSavingToPublish] = useState(false);
  const unpublish = api.content.unpublish.useMutation({
    onSuccess: (item) => saved(item, "Unpublished: it's a draft again"),
    onError,
  });

  /** Saves new draw settings into `item` as a new version; the saved version, or null (the person was told why). */
  async function saveDraw(item: ContentDetail, draw: QuizDraw | null): Promise<ContentDetail | null> {
    setConflict(null);
    try {
      const next = await update.mutateAsync(withQuizDraw(item, draw));
      setFormBase((bases) => ({ ...bases, [next.version]: bases[item.version] ?? item.version }));
      await saved(next, messages.drawSaved(draw));
      return next;
    } catch (error) {
      if (isConflict(error)) setConflict(error.message);
      else toast.error(error instanceof Error ? error.message : "The settings couldn't be saved. Try again.");
      return null;
    }
  }

  return {
    query,
    publish,
    unpublish,
    formRef,
    drawRef,
    /** Publish is saving the form's changes first, or publishing. */
    publishing: savingToPublish || publish.isPending,
    /**
     * Publishes `item` as the person sees it: unsaved changes in the form are saved first and the
     * saved version is published; when that save fails nothing is published.
     */
    async publishSaved(item: ContentDetail) {
      setConflict(null);
      let current = item;
      const form = formRef.current;
      const quizDraw = drawRef.current;
      const drawDirty = quizDraw?.isDirty() ?? false;
      if (form?.isDirty() || drawDirty) {
        setSavingToPublish(true);
        try {
          // The draw settings first: refuse before anything is saved when they are invalid.
          const entered = drawDirty && quizDraw ? quizDraw.read() : null;
          if (entered === "invalid") {
            toast.error("Not published: fix the question settings, then publish again.");
            return;
          }
          if (form?.isDirty()) {
            lastSaved.current = null;
            const ok = await form.submit();
            const next = lastSaved.current as ContentDetail | null;
            if (!ok || !next) {
              toast.error(
                "Not published: your changes couldn't be saved. Fix what the page shows, then publish again.",
              );
              return;
            }
            current = next;
          }
          if (entered) {
            // Saved onto the version the form's save just made, so that save's edits are kept.
            const next = await saveDraw(current, entered.draw);
            if (!next) {
              toast.error("Not published: the question settings couldn't be saved.");
              return;
            }
            current = next;
          }
        } finally {
          setSavingToPublish(false);
        }
      }
      publish.mutate({ contentId, expectedVersion: current.version });
    },
    saved,
    /** A version this screen made by other means (a restored version): it replaces the form's item. */
    adopt(item: ContentDetail) {
      ownVersions.current.add(item.version);
    },
    conflict,
    /**
     * The item the form and the Questions card edit, for the `latest` loaded: the latest, unless a
     * version made elsewhere arrived while there are unsaved changes; then the one they started from.
     */
    formItem(latest: ContentDetail): ContentDetail {
      const held = shown.current;
      const dirty = (formRef.current?.isDirty() ?? false) || (drawRef.current?.isDirty() ?? false);
      if (
        held &&
        held.id === latest.id &&
        held.version < latest.version &&
        !ownVersions.current.has(latest.version) &&
        dirty
      )
        return held;
      shown.current = latest;
      return latest;
    },
    /** Why the form isn't on the latest version (`formItem` held it back), or null. */
    newerVersion(latest: ContentDetail, edited: ContentDetail): string | null {
      return edited.version < latest.version
        ? `Version ${latest.version} was saved elsewhere (another tab or a colleague) while you were editing version ${edited.version}. Your changes are still here but can't be saved over it: copy what you need, then load the latest version.`
        : null;
    },
    /** The key of the content form: a new version (a save, a restore, the latest loaded after a conflict) starts it afresh. */
    formKey: (item: ContentDetail) => `${item.id}:${formBase[item.version] ?? item.version}`,
    /** Drops the conflict and loads the latest version. */
    async loadLatest() {
      const latest = await query.refetch();
      // Loading the latest discards the edits: the form starts afresh from it.
      if (latest.data) {
        ownVersions.current.add(latest.data.version);
        shown.current = latest.data;
        setReleased((n) => n + 1);
      }
      await utils.content.listVersions.invalidate({ contentId });
      setConflict(null);
    },
    /**
     * The content form's save: a new version; resolves false on a conflict (kept in `conflict`),
     * other errors go to the form.
     */
    async save(item: ContentDetail, values: ContentFormOutput): Promise<boolean> {
      setConflict(null);
      try {
        const next = await update.mutateAsync(toInput(item, values));
        lastSaved.current = next;
        await saved(next, messages.saved(next));
        return true;
      } catch (error) {
        if (isConflict(error)) {
          setConflict(error.message);
          return false;
        }
        throw error;
      }
    },
    /** The Questions card's save: the stored item with new draw settings, as a new version. */
    async saveQuizDraw(item: ContentDetail, draw: QuizDraw | null): Promise<boolean> {
      return (await saveDraw(item, draw)) !== null;
    },
  };
}
