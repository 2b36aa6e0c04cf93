"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type ClassInput, type ClassView, classInputSchema, gradeLevels } from "@toolboxai/validators";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
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
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

/** Creates a class, or edits `existing`. */
export function ClassFormDialog({ existing, trigger }: { existing?: ClassView; trigger: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const utils = api.useUtils();
  const defaults: ClassInput = existing
    ? { name: existing.name, subject: existing.subject, gradeLevel: existing.gradeLevel as ClassInput["gradeLevel"] }
    : { name: "", subject: "", gradeLevel: "7" };
  const form = useForm<ClassInput>({ resolver: zodResolver(classInputSchema), defaultValues: defaults });
  const onSuccess = async (saved: ClassView) => {
    await Promise.all([utils.classes.list.invalidate(), utils.classes.get.invalidate({ classId: saved.id })]);
    toast.success(existing ? "Class saved" : `${saved.name} is ready. Share its join code with your students.`);
    setOpen(false);
    form.reset(existing ? form.getValues() : defaults);
  };
  const onError = (error: Parameters<typeof applyServerErrors>[0]) =>
    setFailure(applyServerErrors(error, form.setError));
  const create = api.classes.create.useMutation({ onSuccess, onError });
  const update = api.classes.update.useMutation({ onSuccess, onError });
  const pending = create.isPending || update.isPending;
  const { errors } = form.formState;

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
            if (existing) update.mutate({ classId: existing.id, ...values });
            else create.mutate(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>{existing ? "Edit class" : "New class"}</DialogTitle>
            <DialogDescription>
              {existing ? "Change the name, subject or grade." : "Students join it with a code you share."}
            </DialogDescription>
          </DialogHeader>
          <FormError message={failure} />
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
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : existing ? "Save class" : "Create class"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
