"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type AnnounceInput, announceSchema } from "@toolboxai/validators";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormDialog, QueriedField, useFormDialog } from "~/components/form-dialog";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { Textarea } from "~/components/ui/textarea";
import { api } from "~/trpc/react";

const defaults: AnnounceInput = { classId: "", subject: "", body: "" };

/** Posts an announcement to one of the teacher's open classes (an admin: any open class). */
export function AnnounceDialog({ trigger, onSent }: { trigger: React.ReactNode; onSent: (threadId: string) => void }) {
  const utils = api.useUtils();
  const form = useForm<AnnounceInput>({ resolver: zodResolver(announceSchema), defaultValues: defaults });
  const dialog = useFormDialog(form, defaults);
  const classes = api.classes.list.useQuery({}, { enabled: dialog.open });
  const announce = api.messages.announce.useMutation({
    async onSuccess({ threadId }, input) {
      await utils.messages.threads.invalidate();
      const name = classes.data?.find((c) => c.id === input.classId)?.name;
      toast.success(name ? `Announcement posted to ${name}` : "Announcement posted");
      dialog.close();
      form.reset(defaults);
      onSent(threadId);
    },
    onError: dialog.fail,
  });
  const { errors } = form.formState;
  const none = classes.data?.length === 0;

  return (
    <FormDialog
      state={dialog}
      trigger={trigger}
      title="Announce to a class"
      description="Every student of the class can read it, including students who join later. Students cannot reply."
      onSubmit={(values) => announce.mutate(values)}
      submitLabel="Post announcement"
      pendingLabel="Posting…"
      pending={announce.isPending}
      submitDisabled={none || !classes.data}
    >
      <QueriedField
        query={classes}
        what="classes"
        empty={<p className="text-muted-foreground text-sm">You have no open classes to announce to.</p>}
      >
        {(list) => (
          <FormField label="Class" htmlFor="announce-class" error={errors.classId?.message}>
            <NativeSelect id="announce-class" {...form.register("classId")}>
              <option value="">Choose a class</option>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.studentCount} {c.studentCount === 1 ? "student" : "students"})
                </option>
              ))}
            </NativeSelect>
          </FormField>
        )}
      </QueriedField>
      <FormField label="Subject" htmlFor="announce-subject" error={errors.subject?.message}>
        <Input id="announce-subject" maxLength={200} {...form.register("subject")} />
      </FormField>
      <FormField label="Announcement" htmlFor="announce-body" error={errors.body?.message}>
        <Textarea id="announce-body" rows={6} maxLength={5000} {...form.register("body")} />
      </FormField>
    </FormDialog>
  );
}
