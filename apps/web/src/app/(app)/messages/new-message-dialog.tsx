"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type StartThreadInput, startThreadSchema } from "@toolboxai/validators";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormDialog, QueriedField, useFormDialog } from "~/components/form-dialog";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { api } from "~/trpc/react";

const defaults: StartThreadInput = { recipientId: "", subject: "", body: "" };
/** An <option> per person, carrying the class `messages.recipients` filed them under. */
const optionValue = (classId: string | null, userId: string) => `${classId ?? ""}|${userId}`;

/** Starts a direct conversation with someone from `messages.recipients`. */
export function NewMessageDialog({
  trigger,
  onSent,
}: {
  trigger: React.ReactNode;
  onSent: (threadId: string) => void;
}) {
  const utils = api.useUtils();
  const form = useForm<StartThreadInput>({ resolver: zodResolver(startThreadSchema), defaultValues: defaults });
  const dialog = useFormDialog(form, defaults);
  const recipients = api.messages.recipients.useQuery(undefined, { enabled: dialog.open });
  const start = api.messages.startThread.useMutation({
    async onSuccess({ threadId }) {
      await utils.messages.threads.invalidate();
      toast.success("Message sent");
      dialog.close();
      form.reset(defaults);
      onSent(threadId);
    },
    onError: dialog.fail,
  });
  const { errors } = form.formState;
  const classId = form.watch("classId");
  const nobody = recipients.data?.length === 0;

  return (
    <FormDialog
      state={dialog}
      trigger={trigger}
      title="New message"
      description="Only the two of you can read the conversation."
      onSubmit={(values) => start.mutate(values)}
      submitLabel="Send"
      pendingLabel="Sending…"
      pending={start.isPending}
      submitDisabled={nobody || !recipients.data}
    >
      <QueriedField
        query={recipients}
        what="recipients"
        empty={
          <p className="text-muted-foreground text-sm">
            There is no one you can message yet: messages go between teachers and the students of their classes, and
            their parents.
          </p>
        }
      >
        {(groups) => (
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
                  {groups.map((group) => (
                    <optgroup key={group.classId ?? "everyone"} label={group.className ?? "Everyone"}>
                      {group.people.map((p) => (
                        <option key={p.id} value={optionValue(group.classId, p.id)}>
                          {p.name}
                          {group.classId === null || p.role === "PARENT" ? ` (${p.role.toLowerCase()})` : ""}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </NativeSelect>
              </FormField>
            )}
          />
        )}
      </QueriedField>
      <FormField label="Subject" htmlFor="new-message-subject" error={errors.subject?.message}>
        <Input id="new-message-subject" maxLength={200} {...form.register("subject")} />
      </FormField>
      <FormField label="Message" htmlFor="new-message-body" error={errors.body?.message}>
        <Textarea id="new-message-body" rows={5} maxLength={5000} {...form.register("body")} />
      </FormField>
    </FormDialog>
  );
}
