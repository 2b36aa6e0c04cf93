"use client";

import type * as React from "react";
// A dialog holding one react-hook-form form: opened by its trigger (the form starts from its
// defaults each time), a title and description, the error that isn't about one field, the
// fields, and Cancel / submit. `useFormDialog` holds the open state and the error, so the
// caller's mutation can close the dialog on success and report a failure.
import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
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
import { Skeleton } from "~/components/ui/skeleton";
import { applyServerErrors } from "~/lib/form-errors";

type ServerError = Parameters<typeof applyServerErrors>[0];

export interface FormDialogState<TValues extends FieldValues, TOutput> {
  form: UseFormReturn<TValues, unknown, TOutput>;
  open: boolean;
  failure: string | null;
  onOpenChange(open: boolean): void;
  close(): void;
  /** Puts a server error's field errors next to their fields, the rest above the form. */
  fail(error: ServerError): void;
  clearFailure(): void;
}

/** The state of a FormDialog; opening it resets the form to `defaults`. */
export function useFormDialog<TValues extends FieldValues, TOutput>(
  form: UseFormReturn<TValues, unknown, TOutput>,
  defaults: TValues,
): FormDialogState<TValues, TOutput> {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return {
    form,
    open,
    failure,
    onOpenChange(next) {
      setOpen(next);
      setFailure(null);
      if (next) form.reset(defaults);
    },
    close: () => setOpen(false),
    fail: (error) => setFailure(applyServerErrors(error, form.setError)),
    clearFailure: () => setFailure(null),
  };
}

export interface FormDialogProps<TValues extends FieldValues, TOutput> {
  state: FormDialogState<TValues, TOutput>;
  trigger: React.ReactNode;
  title: React.ReactNode;
  description: React.ReactNode;
  /** The validated values (the error above the form is cleared first). */
  onSubmit(values: TOutput): void;
  submitLabel: React.ReactNode;
  pendingLabel: React.ReactNode;
  /** The save is running: the submit button is disabled and shows `pendingLabel`. */
  pending: boolean;
  /** Disables the submit button for another reason (e.g. nothing to choose from yet). */
  submitDisabled?: boolean;
  /** The form's fields. */
  children: React.ReactNode;
}

export function FormDialog<TValues extends FieldValues, TOutput>({
  state,
  trigger,
  title,
  description,
  onSubmit,
  submitLabel,
  pendingLabel,
  pending,
  submitDisabled = false,
  children,
}: FormDialogProps<TValues, TOutput>) {
  return (
    <Dialog open={state.open} onOpenChange={state.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={state.form.handleSubmit((values) => {
            state.clearFailure();
            onSubmit(values);
          })}
        >
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <FormError message={state.failure} />
          {children}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={state.close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || submitDisabled}>
              {pending ? pendingLabel : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/**
 * A field whose choices are read when the dialog opens: a skeleton while they load, the error,
 * `empty` when there are none, otherwise the field itself.
 */
export function QueriedField<T>({
  query,
  what,
  empty,
  children,
}: {
  query: { data: readonly T[] | undefined; error: { message: string } | null; isPending: boolean };
  /** What is loaded, for "Loading …" and "Could not load …" (e.g. "classes"). */
  what: string;
  empty: React.ReactNode;
  children(data: readonly T[]): React.ReactNode;
}) {
  if (query.isPending || (!query.error && !query.data)) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <span className="sr-only" role="status">
          Loading {what}
        </span>
        <Skeleton className="h-9 w-full" />
      </div>
    );
  }
  if (query.error || !query.data) {
    return (
      <Alert variant="destructive">
        <AlertDescription>
          Could not load {what}: {query.error?.message}
        </AlertDescription>
      </Alert>
    );
  }
  if (query.data.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
