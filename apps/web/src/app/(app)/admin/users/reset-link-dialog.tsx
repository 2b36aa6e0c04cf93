"use client";

import type { ResetLink, UserView } from "@toolboxai/validators";
import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { LocalTime } from "~/components/local-time";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { FormError } from "~/components/ui/form-error";
import { copyText } from "~/lib/copy-text";
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

/**
 * Makes a single-use password reset link for a person and shows it once to copy (it is also mailed
 * to them when the server can send mail). Their password stays until they use it.
 */
export function ResetLinkDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [link, setLink] = useState<ResetLink | null>(null);
  const [copied, setCopied] = useState(false);
  const create = api.users.createResetLink.useMutation({ onSuccess: setLink });
  useEffect(() => {
    if (user) {
      setLink(null);
      setCopied(false);
      create.reset();
    }
  }, [user]);
  const shown = useShownUser(user);
  const linkText = useRef<HTMLElement>(null);

  return (
    <Dialog open={user !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Reset {shown?.name}'s password</DialogTitle>
          <DialogDescription>
            {link
              ? "This is the only time the link is shown. It works once, until the time below."
              : "You get a link to pass on. Opening it lets them choose a new password; their current password works until then, and any earlier link stops working."}
          </DialogDescription>
        </DialogHeader>
        <FormError message={create.error?.message ?? null} />
        {link ? (
          <Alert>
            <AlertTitle>Reset link</AlertTitle>
            <AlertDescription className="grid gap-2">
              <code ref={linkText} className="break-all font-mono text-sm" data-testid="reset-link">
                {link.url}
              </code>
              <span>
                Expires <LocalTime value={link.expiresAt} />.{" "}
                {link.emailed
                  ? `It was also emailed to ${shown?.email}.`
                  : "It was not emailed (this server has no mail set up): pass it on yourself."}
              </span>
            </AlertDescription>
          </Alert>
        ) : null}
        <DialogFooter>
          {link ? (
            <>
              <Button variant="outline" onClick={async () => setCopied(await copyText(link.url, linkText.current))}>
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? "Copied" : "Copy link"}
              </Button>
              <Button onClick={onClose}>Done</Button>
            </>
          ) : (
            <>
              <Button variant="outline" onClick={onClose}>
                Cancel
              </Button>
              <Button disabled={!user || create.isPending} onClick={() => user && create.mutate({ userId: user.id })}>
                {create.isPending ? "Creating…" : "Create reset link"}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
