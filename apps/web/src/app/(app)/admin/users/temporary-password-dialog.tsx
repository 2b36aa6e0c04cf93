"use client";

import { newPasswordSchema, type UserView } from "@toolboxai/validators";
import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
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
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { copyText } from "~/lib/copy-text";
import { api } from "~/trpc/react";
import { useShownUser } from "./shown-user";

type Mode = "generate" | "type";

/**
 * Sets a temporary password for a person (generated, or typed by the admin) and shows it once to
 * pass on. They are signed out everywhere and must choose their own password when they next sign in.
 * For someone who can't use a reset link (no email of their own, no mail server).
 */
export function TemporaryPasswordDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const [mode, setMode] = useState<Mode>("generate");
  const [typed, setTyped] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [shownPassword, setShownPassword] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const passwordText = useRef<HTMLElement>(null);
  const set = api.users.setTemporaryPassword.useMutation({
    onSuccess(result) {
      setShownPassword(result.temporaryPassword ?? typed);
      toast.success(`${result.name} has a temporary password`);
    },
    onError(error) {
      const message = error.data?.fieldErrors?.password?.[0];
      if (message) setFieldError(message);
    },
  });
  useEffect(() => {
    if (user) {
      setMode("generate");
      setTyped("");
      setFieldError(null);
      setShownPassword(null);
      setCopied(false);
      set.reset();
    }
  }, [user]);
  const shown = useShownUser(user);

  function submit() {
    if (!user) return;
    setFieldError(null);
    if (mode === "type") {
      const checked = newPasswordSchema.safeParse(typed);
      if (!checked.success) {
        setFieldError(checked.error.issues[0]?.message ?? "Choose another password");
        return;
      }
      set.mutate({ userId: user.id, password: typed });
    } else {
      set.mutate({ userId: user.id });
    }
  }

  const failure = set.error && !set.error.data?.fieldErrors?.password ? set.error.message : null;

  return (
    <Dialog open={user !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Set a temporary password for {shown?.name}</DialogTitle>
          <DialogDescription>
            {shownPassword
              ? "This is the only time it is shown. Pass it on; they choose their own password when they sign in with it."
              : "Their current password stops working and they are signed out everywhere. When they sign in with the temporary password, they must choose their own."}
          </DialogDescription>
        </DialogHeader>
        <FormError message={failure} />
        {shownPassword ? (
          <Alert>
            <AlertTitle>Temporary password for {shown?.email}</AlertTitle>
            <AlertDescription>
              <code ref={passwordText} className="break-all font-mono text-base" data-testid="temporary-password">
                {shownPassword}
              </code>
            </AlertDescription>
          </Alert>
        ) : (
          <form
            id="temporary-password-form"
            noValidate
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <fieldset className="grid gap-2">
              <legend className="mb-1 font-medium text-sm">Password</legend>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="temporary-password-mode"
                  value="generate"
                  checked={mode === "generate"}
                  onChange={() => setMode("generate")}
                  className="size-4 accent-primary"
                />
                Generate one for me
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="temporary-password-mode"
                  value="type"
                  checked={mode === "type"}
                  onChange={() => setMode("type")}
                  className="size-4 accent-primary"
                />
                Type one
              </label>
            </fieldset>
            {mode === "type" ? (
              <FormField
                label="Temporary password"
                htmlFor="temporary-password-input"
                error={fieldError ?? undefined}
                description="At least 10 characters, mixing letters with digits or symbols."
              >
                <Input
                  id="temporary-password-input"
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={typed}
                  onChange={(e) => setTyped(e.target.value)}
                />
              </FormField>
            ) : null}
          </form>
        )}
        <DialogFooter>
          {shownPassword ? (
            <>
              <Button
                variant="outline"
                onClick={async () => setCopied(await copyText(shownPassword, passwordText.current))}
              >
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? "Copied" : "Copy password"}
              </Button>
              <Button onClick={onClose}>Done</Button>
            </>
          ) : (
            <>
              <Button variant="outline" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" form="temporary-password-form" disabled={!user || set.isPending}>
                {set.isPending ? "Setting…" : "Set temporary password"}
              </Button>
            </>
          )}
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
