"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type StartThreadInput, startThreadSchema } from "@toolboxai/validators";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Alert, AlertDescription } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Skeleton } from "~/components/ui/skeleton";
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

const defaults: StartThreadInput = { recipientId: "", subject: "", body: "" };
/** One <option> per (class, person): the same student can be reached through two classes. */
const optionValue = (classId: string | null, userId: string) => `${classId ?? ""}|${userId}`;

/** Starts a direct conversation with someone from `messages.recipients`. */
export function NewMessageDialog({
  trigger,
  onSent,
}: {
  trigger: React.ReactNode;
  onSent: (threadId: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const utils = api.useUtils();
  const recipients = api.messages.recipients.useQuery(undefined, { enabled: open });
  const form = useForm<StartThreadInput>({ resolver: zodResolver(startThreadSchema), defaultValues: defaults });
  const start = api.messages.startThread.useMutation({
    async onSuccess({ threadId }) {
      await utils.messages.threads.invalidate();
      toast.success("Message sent");
      setOpen(false);
      form.reset(defaults);
      onSent(threadId);
    },
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });
  const { errors } = form.formState;
  const classId = form.watch("classId");
  const nobody = recipients.data?.length === 0;

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setFailure(null);
        if (next) form.reset(defaults);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFailure(null);
            start.mutate(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>New message</DialogTitle>
            <DialogDescription>Only the two of you can read the conversation.</DialogDescription>
          </DialogHeader>
          <FormError message={failure} />
          {recipients.isPending ? (
            <div className="grid gap-2" aria-busy="true">
              <span className="sr-only" role="status">
                Loading recipients
              </span>
              <Skeleton className="h-9 w-full" />
            </div>
          ) : recipients.isError ? (
            <Alert variant="destructive">
              <AlertDescription>Could not load recipients: {recipients.error.message}</AlertDescription>
            </Alert>
          ) : nobody ? (
            <p className="text-muted-foreground text-sm">
              There is no one you can message yet: messages go between teachers and the students of their classes.
            </p>
          ) : (
            <Controller
              control={form.control}
              name="recipientId"
              render={({ field }) => (
                <FormField
                  label="To"
                  htmlFor="new-message-to"
                  error={errors.recipientId?.message ?? errors.classId?.message}
                >
                  <NativeSelect
                    id="new-message-to"
                    ref={field.ref}
                    name={field.name}
                    onBlur={field.onBlur}
                    value={field.value ? optionValue(classId ?? null, field.value) : ""}
                    onChange={(e) => {
                      const [cls = "", userId = ""] = e.target.value.split("|");
                      form.setValue("classId", cls || undefined);
                      field.onChange(userId);
                    }}
                  >
                    <option value="">Choose a person</option>
                    {recipients.data.map((group) => (
                      <optgroup key={group.classId ?? "everyone"} label={group.className ?? "Everyone"}>
                        {group.people.map((p) => (
                          <option key={p.id} value={optionValue(group.classId, p.id)}>
                            {p.name}
                            {group.classId === null ? ` (${p.role.toLowerCase()})` : ""}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </NativeSelect>
                </FormField>
              )}
            />
          )}
          <FormField label="Subject" htmlFor="new-message-subject" error={errors.subject?.message}>
            <Input id="new-message-subject" maxLength={200} {...form.register("subject")} />
          </FormField>
          <FormField label="Message" htmlFor="new-message-body" error={errors.body?.message}>
            <Textarea id="new-message-body" rows={5} maxLength={5000} {...form.register("body")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={start.isPending || nobody || !recipients.data}>
              {start.isPending ? "Sending…" : "Send"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
