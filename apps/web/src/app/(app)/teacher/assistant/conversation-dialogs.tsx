"use client";

// Renaming and deleting one of the teacher's assistant conversations, opened from its row's menu.
import { zodResolver } from "@hookform/resolvers/zod";
import { CONVERSATION_TITLE_MAX, type ConversationSummary, renameConversationInputSchema } from "@toolboxai/validators";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

type RenameValues = z.input<typeof renameConversationInputSchema>;
type RenameInput = z.output<typeof renameConversationInputSchema>;

/** The conversation a dialog is about, kept while it animates closed (so its title doesn't go blank). */
function useShown(conversation: ConversationSummary | null): ConversationSummary | null {
  const [last, setLast] = useState(conversation);
  if (conversation !== null && conversation !== last) setLast(conversation);
  return conversation ?? last;
}

export function RenameConversationDialog({
  conversation,
  onClose,
}: {
  conversation: ConversationSummary | null;
  onClose(): void;
}) {
  const utils = api.useUtils();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<RenameValues, unknown, RenameInput>({
    resolver: zodResolver(renameConversationInputSchema),
    defaultValues: { conversationId: "", title: "" },
  });
  const rename = api.assistant.rename.useMutation({
    async onSuccess(renamed) {
      await utils.assistant.invalidate();
      toast.success(`Renamed to “${renamed.title}”`);
      onClose();
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });
  useEffect(() => {
    if (conversation) {
      form.reset({ conversationId: conversation.id, title: conversation.title });
      setFailure(null);
      rename.reset();
    }
  }, [conversation]);

  const { errors } = form.formState;
  return (
    <Dialog open={conversation !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFailure(null);
            rename.mutate(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>Rename conversation</DialogTitle>
            <DialogDescription>A name you'll recognize in the list.</DialogDescription>
          </DialogHeader>
          <FormError message={failure} />
          <FormField label="Name" htmlFor="conversation-title" error={errors.title?.message}>
            <Input
              id="conversation-title"
              autoComplete="off"
              maxLength={CONVERSATION_TITLE_MAX}
              {...form.register("title")}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function DeleteConversationDialog({
  conversation,
  onClose,
  onDeleted,
}: {
  conversation: ConversationSummary | null;
  onClose(): void;
  onDeleted(conversationId: string): void;
}) {
  const utils = api.useUtils();
  const remove = api.assistant.delete.useMutation({
    async onSuccess({ id }) {
      onDeleted(id);
      onClose();
      toast.success("Conversation deleted");
      // Only the list: reading the deleted conversation again would flash "not found" before the page leaves it.
      await utils.assistant.conversations.invalidate();
    },
  });
  useEffect(() => {
    if (conversation) remove.reset();
  }, [conversation]);
  const shown = useShown(conversation);

  return (
    <ConfirmDialog
      open={conversation !== null}
      onClose={onClose}
      title="Delete this conversation?"
      description={
        <>
          <span className="block">
            “{shown?.title}” and all its messages are deleted for good. Lessons, quizzes and other drafts it made stay
            in your content library.
          </span>
          {remove.error ? (
            <span role="alert" className="mt-3 block font-medium text-destructive">
              {remove.error.message}
            </span>
          ) : null}
        </>
      }
      destructive
      pending={remove.isPending}
      confirmLabel="Delete conversation"
      pendingLabel="Deleting…"
      onConfirm={() => conversation && remove.mutate({ conversationId: conversation.id })}
    />
  );
}
