"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type AnnounceInput, announceSchema } from "@toolboxai/validators";
import { useState } from "react";
import { useForm } from "react-hook-form";
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

const defaults: AnnounceInput = { classId: "", subject: "", body: "" };

/** Posts an announcement to one of the teacher's open classes (an admin: any open class). */
export function AnnounceDialog({ trigger, onSent }: { trigger: React.ReactNode; onSent: (threadId: string) => void }) {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const utils = api.useUtils();
  const classes = api.classes.list.useQuery({}, { enabled: open });
  const form = useForm<AnnounceInput>({ resolver: zodResolver(announceSchema), defaultValues: defaults });
  const announce = api.messages.announce.useMutation({
    async onSuccess({ threadId }, input) {
      await utils.messages.threads.invalidate();
      const name = classes.data?.find((c) => c.id === input.classId)?.name;
      toast.success(name ? `Announcement posted to ${name}` : "Announcement posted");
      setOpen(false);
      form.reset(defaults);
      onSent(threadId);
    },
    onError: (error) => setFailure(applyServerErrors(error, form.setError)),
  });
  const { errors } = form.formState;
  const none = classes.data?.length === 0;

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
            announce.mutate(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>Announce to a class</DialogTitle>
            <DialogDescription>
              Every student of the class can read it, including students who join later. Students cannot reply.
            </DialogDescription>
          </DialogHeader>
          <FormError message={failure} />
          {classes.isPending ? (
            <div className="grid gap-2" aria-busy="true">
              <span className="sr-only" role="status">
                Loading classes
              </span>
              <Skeleton className="h-9 w-full" />
            </div>
          ) : classes.isError ? (
            <Alert variant="destructive">
              <AlertDescription>Could not load classes: {classes.error.message}</AlertDescription>
            </Alert>
          ) : none ? (
            <p className="text-muted-foreground text-sm">You have no open classes to announce to.</p>
          ) : (
            <FormField label="Class" htmlFor="announce-class" error={errors.classId?.message}>
              <NativeSelect id="announce-class" {...form.register("classId")}>
                <option value="">Choose a class</option>
                {classes.data.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.studentCount} {c.studentCount === 1 ? "student" : "students"})
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          )}
          <FormField label="Subject" htmlFor="announce-subject" error={errors.subject?.message}>
            <Input id="announce-subject" maxLength={200} {...form.register("subject")} />
          </FormField>
          <FormField label="Announcement" htmlFor="announce-body" error={errors.body?.message}>
            <Textarea id="announce-body" rows={6} maxLength={5000} {...form.register("body")} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={announce.isPending || none || !classes.data}>
              {announce.isPending ? "Posting…" : "Post announcement"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
