"use client";

// What the screens that edit one content item share (the content editor and a task's review):
// loading it, saving a new version from the version the form started from (a conflict is kept for
// the screen to show rather than overwriting), the quiz's draw settings, publish and unpublish.
import type { ContentDetail } from "@toolboxai/validators";
import { TRPCClientError } from "@trpc/client";
import { useState } from "react";
import { toast } from "sonner";
import { api } from "~/trpc/react";
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
    onError,
  });
  const unpublish = api.content.unpublish.useMutation({
    onSuccess: (item) => saved(item, "Unpublished: it's a draft again"),
    onError,
  });

  return {
    query,
    publish,
    unpublish,
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
    /** The content form's save: a new version; a conflict is kept in `conflict`, other errors go to the form. */
    async save(item: ContentDetail, values: ContentFormOutput) {
      setConflict(null);
      try {
        const next = await update.mutateAsync(toInput(item, values));
        await saved(next, messages.saved(next));
      } catch (error) {
        if (isConflict(error)) {
          setConflict(error.message);
          return;
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
