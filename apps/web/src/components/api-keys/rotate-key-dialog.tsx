"use client";

// Rotate: a replacement key with the same name, scopes, allowlist and lifetime, shown once; the
// old key keeps working for the grace period chosen, and the dialog says until when.
import { type ApiKeyView, ROTATION_GRACES, type RotatedApiKey, type RotationGrace } from "@toolboxai/validators";
import { useId, useState } from "react";
import { toast } from "sonner";
import { LocalTime } from "~/components/local-time";
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
import { api } from "~/trpc/react";
import { SecretPanel } from "./secret-panel";

const GRACE_LABEL: Record<RotationGrace, string> = {
  now: "Stop it now",
  "1h": "For 1 hour",
  "24h": "For 24 hours",
  "7d": "For 7 days",
};

/** Until when the replaced key works, in words. */
function OldKeyNote({ previous }: { previous: RotatedApiKey["previous"] }) {
  const until = previous.expiresAt;
  if (!until || previous.status !== "active") return <>The old key ({previous.prefix}…) no longer works.</>;
  return (
    <>
      The old key ({previous.prefix}…) keeps working until <LocalTime value={until} />: switch your service over before
      then.
    </>
  );
}

export function RotateKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyView | null; onClose(): void }) {
  const [grace, setGrace] = useState<RotationGrace>("24h");
  const [rotated, setRotated] = useState<RotatedApiKey | null>(null);
  const [shown, setShown] = useState<ApiKeyView | null>(apiKey);
  const id = useId();
  const utils = api.useUtils();
  const rotate = api.apiKeys.rotate.useMutation({
    async onSuccess(result) {
      setRotated(result);
      toast.success(`Key “${result.key.name}” was rotated`);
      await utils.apiKeys.list.invalidate();
    },
  });
  // Keep the key shown while the dialog closes (the caller clears it at once).
  if (apiKey && apiKey !== shown) setShown(apiKey);

  function close() {
    onClose();
    setRotated(null);
    setGrace("24h");
    rotate.reset();
  }

  return (
    <Dialog open={apiKey !== null} onOpenChange={(open) => (open ? undefined : close())}>
      <DialogContent
        className={rotated ? "sm:max-w-2xl" : undefined}
        onInteractOutside={(e) => (rotated ? e.preventDefault() : undefined)}
      >
        {rotated ? (
          <SecretPanel
            title="Copy the new key"
            description={<OldKeyNote previous={rotated.previous} />}
            secret={rotated.secret}
            onDone={close}
          />
        ) : shown ? (
          <form
            className="grid gap-4"
            onSubmit={(e) => {
              e.preventDefault();
              rotate.mutate({ keyId: shown.id, grace });
            }}
          >
            <DialogHeader>
              <DialogTitle>Rotate “{shown.name}”</DialogTitle>
              <DialogDescription>
                A new key replaces {shown.prefix}… with the same name, scopes, IP allowlist and lifetime. The new key is
                shown once.
              </DialogDescription>
            </DialogHeader>
            <FormError message={rotate.error?.message} />
            <fieldset className="grid gap-2" disabled={rotate.isPending}>
              <legend className="mb-1 font-medium text-sm">How long the old key keeps working</legend>
              {ROTATION_GRACES.map((g) => (
                <div key={g} className="flex items-center gap-2">
                  <input
                    type="radio"
                    id={`${id}-${g}`}
                    name={`${id}-grace`}
                    value={g}
                    checked={grace === g}
                    onChange={() => setGrace(g)}
                    className="size-4 accent-primary"
                  />
                  <label htmlFor={`${id}-${g}`} className="text-sm">
                    {GRACE_LABEL[g]}
                    {g === "24h" ? <span className="text-muted-foreground"> (recommended)</span> : null}
                  </label>
                </div>
              ))}
            </fieldset>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={rotate.isPending}>
                {rotate.isPending ? "Rotating…" : "Rotate key"}
              </Button>
            </DialogFooter>
          </form>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
