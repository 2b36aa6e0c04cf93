"use client";

// Revoke: refused from the next request on, for good. The reason goes in the audit log.
import { type ApiKeyView, revokeApiKeySchema } from "@toolboxai/validators";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "~/components/confirm-dialog";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Textarea } from "~/components/ui/textarea";
import { api } from "~/trpc/react";

const reasonSchema = revokeApiKeySchema.shape.reason;

export function RevokeKeyDialog({ apiKey, onClose }: { apiKey: ApiKeyView | null; onClose(): void }) {
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [shown, setShown] = useState<ApiKeyView | null>(apiKey);
  const utils = api.useUtils();
  const revoke = api.apiKeys.revoke.useMutation({
    async onSuccess(key) {
      toast.success(`Key “${key.name}” was revoked`);
      close();
      await utils.apiKeys.list.invalidate();
    },
    onError(error) {
      setReasonError(error.data?.fieldErrors?.reason?.[0]);
    },
  });
  if (apiKey && apiKey !== shown) setShown(apiKey);

  function close() {
    onClose();
    setReason("");
    setReasonError(undefined);
    revoke.reset();
  }

  const serverFailure = revoke.error && !revoke.error.data?.fieldErrors?.reason ? revoke.error.message : null;
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onClose={close}
      title={`Revoke “${shown?.name ?? ""}”?`}
      description={`Requests with ${shown?.prefix ?? "this key"}… are refused from now on, everywhere. This can't be undone: to use the API again, create a new key.`}
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      destructive
      pending={revoke.isPending}
      onConfirm={() => {
        if (!shown) return;
        const parsed = reasonSchema.safeParse(reason);
        if (!parsed.success) {
          setReasonError(parsed.error.issues[0]?.message);
          return;
        }
        setReasonError(undefined);
        revoke.mutate({ keyId: shown.id, reason: parsed.data });
      }}
    >
      <FormError message={serverFailure} />
      <FormField label="Reason" htmlFor="revoke-reason" error={reasonError} description="Kept in the audit log.">
        <Textarea
          id="revoke-reason"
          rows={2}
          value={reason}
          placeholder="The plugin was uninstalled"
          onChange={(e) => setReason(e.target.value)}
        />
      </FormField>
    </ConfirmDialog>
  );
}
