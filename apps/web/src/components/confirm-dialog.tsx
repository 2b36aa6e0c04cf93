"use client";

import type * as React from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "~/components/ui/alert-dialog";

const DESTRUCTIVE = "bg-destructive text-destructive-foreground hover:bg-destructive/90";

/** Opened by the caller (`open`, closed through `onClose`), or by its own trigger. */
type Opening =
  | { open: boolean; onClose(): void; trigger?: never }
  | { trigger: React.ReactElement; open?: never; onClose?: never };

export type ConfirmDialogProps = Opening & {
  title: React.ReactNode;
  description: React.ReactNode;
  confirmLabel: React.ReactNode;
  /** Shown on the confirm button while `pending`. */
  pendingLabel?: React.ReactNode;
  cancelLabel?: React.ReactNode;
  /** A red confirm button, for what can't simply be undone. */
  destructive?: boolean;
  /** The confirmed action is running: the confirm button is disabled. */
  pending?: boolean;
  onConfirm(): void;
  /**
   * Close as soon as the user confirms. By default the dialog stays open while the action runs
   * (the caller closes it when it succeeds).
   */
  closeOnConfirm?: boolean;
  /** Fields the confirmation needs (e.g. a reason), between the description and the buttons. */
  children?: React.ReactNode;
};

/** "Are you sure?" before an action: a title, what happens, Cancel and the action. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  pendingLabel,
  cancelLabel = "Cancel",
  destructive = false,
  pending = false,
  onConfirm,
  closeOnConfirm = false,
  children,
  ...opening
}: ConfirmDialogProps) {
  const { trigger } = opening;
  const rootProps = opening.trigger
    ? {}
    : { open: opening.open, onOpenChange: (open: boolean) => (open ? undefined : opening.onClose()) };
  return (
    <AlertDialog {...rootProps}>
      {trigger ? <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        {children}
        <AlertDialogFooter>
          <AlertDialogCancel>{cancelLabel}</AlertDialogCancel>
          <AlertDialogAction
            disabled={pending}
            className={destructive ? DESTRUCTIVE : undefined}
            onClick={(e) => {
              if (!closeOnConfirm) e.preventDefault();
              onConfirm();
            }}
          >
            {pending && pendingLabel !== undefined ? pendingLabel : confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
