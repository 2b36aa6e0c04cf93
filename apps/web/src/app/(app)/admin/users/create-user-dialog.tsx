"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { type CreateUserInput, createUserSchema, type Role } from "@toolboxai/validators";
import { Check, Copy, UserPlus } from "lucide-react";
import { useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ROLE_LABEL } from "~/components/app-shell";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
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
import { copyText } from "~/lib/copy-text";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";

type FormValues = z.input<typeof createUserSchema>;
/**
 * A new account is a student unless the admin picks otherwise; Admin comes last so that nothing
 * (a default, a browser restoring the first option) hands out the most powerful role by accident.
 */
const ROLE_ORDER = ["STUDENT", "TEACHER", "PARENT", "ADMIN"] as const satisfies readonly Role[];
const EMPTY: FormValues = { name: "", email: "", role: "STUDENT", password: "" };

export function CreateUserDialog() {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const passwordText = useRef<HTMLElement>(null);
  const utils = api.useUtils();
  const form = useForm<FormValues, unknown, CreateUserInput>({
    resolver: zodResolver(createUserSchema),
    defaultValues: EMPTY,
  });
  const create = api.users.create.useMutation({
    async onSuccess(result) {
      await utils.users.list.invalidate();
      toast.success(`${result.user.name} was added`);
      if (result.temporaryPassword) {
        setCreated({ email: result.user.email, password: result.temporaryPassword });
      } else {
        close();
      }
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });

  function close() {
    setOpen(false);
    setCreated(null);
    setFailure(null);
    setCopied(false);
    form.reset(EMPTY);
  }

  const { errors } = form.formState;
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? setOpen(true) : close())}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden /> Add user
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Share the temporary password</DialogTitle>
              <DialogDescription>
                This is the only time it is shown. {created.email} can change it under Account after signing in.
              </DialogDescription>
            </DialogHeader>
            <Alert>
              <AlertTitle>Temporary password</AlertTitle>
              <AlertDescription>
                <code ref={passwordText} className="font-mono text-base" data-testid="temporary-password">
                  {created.password}
                </code>
              </AlertDescription>
            </Alert>
            <DialogFooter>
              <Button
                variant="outline"
                onClick={async () => setCopied(await copyText(created.password, passwordText.current))}
              >
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? "Copied" : "Copy"}
              </Button>
              <Button onClick={close}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form
            noValidate
            className="grid gap-4"
            onSubmit={form.handleSubmit((values) => {
              setFailure(null);
              create.mutate(values);
            })}
          >
            <DialogHeader>
              <DialogTitle>Add a user</DialogTitle>
              <DialogDescription>They join your organization with the role you choose.</DialogDescription>
            </DialogHeader>
            <FormError message={failure} />
            <FormField label="Full name" htmlFor="new-name" error={errors.name?.message}>
              <Input id="new-name" {...form.register("name")} />
            </FormField>
            <FormField label="Email" htmlFor="new-email" error={errors.email?.message}>
              <Input id="new-email" type="email" {...form.register("email")} />
            </FormField>
            <FormField label="Role" htmlFor="new-role" error={errors.role?.message}>
              <NativeSelect id="new-role" {...form.register("role")}>
                {ROLE_ORDER.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABEL[r]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField
              label="Password (optional)"
              htmlFor="new-password"
              error={errors.password?.message}
              description="Leave empty to generate a temporary password you can share."
            >
              <Input id="new-password" type="password" autoComplete="new-password" {...form.register("password")} />
            </FormField>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Adding…" : "Add user"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
