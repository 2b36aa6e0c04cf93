"use client";

// What the screens that edit one content item share (the content editor and a task's review):
// loading it, saving a new version from the version the form started from (a conflict is kept for
// the screen to show rather than overwriting), the quiz's draw settings, publish and unpublish.
// Publish saves first: with unsaved changes in the form, they are saved as a new version and that
// version is published (`expectedVersion`); a save that fails (invalid fields, a conflict, an
// error) publishes nothing, and the person is told why.
import type { ContentDetail } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { api } from "~/trpc/react";
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

  const saved = async (item: ContentDetail, message: string) => {
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
  /** The version the last save made (what Publish publishes after saving). */
  const lastSaved = useRef<ContentDetail | null>(null);
  const [savingToPublish, setSavingToPublish] = useState(false);
  const unpublish = api.content.unpublish.useMutation({
    onSuccess: (item) => saved(item, "Unpublished: it's a draft again"),
    onError,
  });

  return {
    query,
    publish,
    unpublish,
    formRef,
    /** Publish is saving the form's changes first, or publishing. */
    publishing: savingToPublish || publish.isPending,
    /**
     * Publishes `item` as the person sees it: unsaved changes in the form are saved first and the
     * saved version is published; when that save fails nothing is published.
     */
    async publishSaved(item: ContentDetail) {
      setConflict(null);
      let version = item.version;
      const form = formRef.current;
      if (form?.isDirty()) {
        setSavingToPublish(true);
        try {
          lastSaved.current = null;
          const ok = await form.submit();
          const next = lastSaved.current as ContentDetail | null;
          if (!ok || !next) {
            toast.error("Not published: your changes couldn't be saved. Fix what the page shows, then publish again.");
            return;
          }
          version = next.version;
        } finally {
          setSavingToPublish(false);
        }
      }
      publish.mutate({ contentId, expectedVersion: version });
    },
    saved,
    conflict,
    /** The key of the content form: a new version (a save, a restore, the latest loaded after a conflict) starts it afresh. */
    formKey: (item: ContentDetail) => `${item.id}:${formBase[item.version] ?? item.version}`,
    /** Drops the conflict and loads the latest version. */
    async loadLatest() {
      await query.refetch();
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
      setConflict(null);
      try {
        const next = await update.mutateAsync(withQuizDraw(item, draw));
        setFormBase((bases) => ({ ...bases, [next.version]: bases[item.version] ?? item.version }));
        await saved(next, messages.drawSaved(draw));
        return true;
      } catch (error) {
        if (isConflict(error)) setConflict(error.message);
        else toast.error(error instanceof Error ? error.message : "The settings couldn't be saved. Try again.");
        return false;
      }
    },
  };
}
