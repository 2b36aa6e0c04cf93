"use client";

// The tutor's panel: a dialog that slides in from the right, beside the page the student is
// reading. Radix's dialog keeps focus inside while it is open, closes on Escape and gives focus
// back to the button that opened it. On a school laptop it is at most 28rem wide, leaving the
// lesson in view; on a phone it takes the whole screen.
import { XIcon } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type * as React from "react";

export function TutorSheet({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: React.ReactNode;
  title: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-black/40 data-[state=open]:animate-fade-in" />
        <DialogPrimitive.Content
          data-testid="tutor-panel"
          onEscapeKeyDown={(event) => {
            // Escape in the conversation while a reply streams stops the reply (the thread listens
            // for it); the next Escape closes the panel.
            const thread = event.target instanceof Element ? event.target.closest('[data-testid="chat-thread"]') : null;
            if (thread?.querySelector('[data-streaming="true"]')) event.preventDefault();
          }}
          className="fixed inset-y-0 right-0 z-50 flex h-dvh w-full flex-col border-l bg-background shadow-lg outline-none data-[state=open]:animate-fade-in sm:max-w-md"
        >
          <div className="flex items-start justify-between gap-4 border-b px-4 py-3">
            <div className="grid gap-1">
              <DialogPrimitive.Title className="font-semibold text-lg leading-none">{title}</DialogPrimitive.Title>
              <DialogPrimitive.Description className="text-muted-foreground text-sm">
                {description}
              </DialogPrimitive.Description>
            </div>
            <DialogPrimitive.Close className="rounded-xs p-1 opacity-70 transition-opacity hover:opacity-100 focus-visible:opacity-100 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background">
              <XIcon className="size-4" aria-hidden="true" />
              <span className="sr-only">Close the tutor</span>
            </DialogPrimitive.Close>
          </div>
          <div className="flex min-h-0 flex-1 flex-col">{children}</div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
