"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ClassInput, type ClassView, classInputSchema, gradeLevels } from "@toolboxai/validators";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { FormDialog, useFormDialog } from "~/components/form-dialog";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { NativeSelect } from "~/components/ui/native-select";
import { api } from "~/trpc/react";

/** Creates a class, or edits `existing`. */
export function ClassFormDialog({ existing, trigger }: { existing?: ClassView; trigger: React.ReactNode }) {
  const utils = api.useUtils();
  const defaults: ClassInput = existing
    ? { name: existing.name, subject: existing.subject, gradeLevel: existing.gradeLevel as ClassInput["gradeLevel"] }
    : { name: "", subject: "", gradeLevel: "7" };
  const form = useForm<ClassInput>({ resolver: zodResolver(classInputSchema), defaultValues: defaults });
  const dialog = useFormDialog(form, defaults);
  const onSuccess = async (saved: ClassView) => {
    await Promise.all([utils.classes.list.invalidate(), utils.classes.get.invalidate({ classId: saved.id })]);
    toast.success(existing ? "Class saved" : `${saved.name} is ready. Share its join code with your students.`);
    dialog.close();
    form.reset(existing ? form.getValues() : defaults);
  };
  const create = api.classes.create.useMutation({ onSuccess, onError: dialog.fail });
  const update = api.classes.update.useMutation({ onSuccess, onError: dialog.fail });
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;

  return (
    <FormDialog
      state={dialog}
      trigger={trigger}
      title={existing ? "Edit class" : "New class"}
      description={existing ? "Change the name, subject or grade." : "Students join it with a code you share."}
      onSubmit={(values) => {
        if (existing) update.mutate({ classId: existing.id, ...values });
        else create.mutate(values);
      }}
      submitLabel={existing ? "Save class" : "Create class"}
      pendingLabel="Saving…"
      pending={pending}
    >
      <FormField label="Class name" htmlFor="class-name" error={errors.name?.message}>
        <Input id="class-name" placeholder="e.g. Life Science, period 3" {...form.register("name")} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Subject" htmlFor="class-subject" error={errors.subject?.message}>
          <Input id="class-subject" placeholder="e.g. Science" {...form.register("subject")} />
        </FormField>
        <FormField label="Grade level" htmlFor="class-grade" error={errors.gradeLevel?.message}>
          <NativeSelect id="class-grade" {...form.register("gradeLevel")}>
            {gradeLevels.map((g) => (
              <option key={g} value={g}>
                {/^\d+$/.test(g) ? `Grade ${g}` : g === "K" ? "Kindergarten" : g}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
    </FormDialog>
  );
}
