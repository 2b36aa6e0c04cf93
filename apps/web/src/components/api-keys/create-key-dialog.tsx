"use client";

// "Create key": a name, the scopes, when it expires and where it may be used from; then the new
// key, shown once (SecretPanel). Field errors (the client's and the server's) sit next to their
// fields; closing the dialog forgets the key.
import { zodResolver } from "@hookform/resolvers/zod";
import {
  API_KEY_MAX_ALLOWLIST,
  API_KEY_MAX_LIFETIME_DAYS,
  type CreatedApiKey,
  createApiKeySchema,
  type Role,
} from "@toolboxai/validators";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { Controller, type FieldError, type Merge, useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
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
import { Textarea } from "~/components/ui/textarea";
import { applyServerErrors } from "~/lib/form-errors";
import { api } from "~/trpc/react";
import {
  EXPIRY_CHOICES,
  EXPIRY_LABEL,
  type ExpiryChoice,
  expiryFrom,
  latestExpiryInput,
  tomorrowInput,
} from "./expiry";
import { ScopePicker } from "./scope-picker";
import { SecretPanel } from "./secret-panel";

type FormValues = z.input<typeof createApiKeySchema>;
type FormOutput = z.output<typeof createApiKeySchema>;
const EMPTY: FormValues = { name: "", scopes: [], expiresAt: null, ipAllowlist: [] };

/** The first message of a list field's errors: the list's own, or its first entry's. */
function listError(error: Merge<FieldError, (FieldError | undefined)[]> | undefined): string | undefined {
  if (!error) return undefined;
  if (error.message) return error.message;
  if (error.root?.message) return error.root.message;
  for (let i = 0; i < (error.length ?? 0); i++) {
    const message = error[i]?.message;
    if (message) return message;
  }
  return undefined;
}

export function CreateKeyDialog({ actorRole: role }: { actorRole: Role }) {
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [expiry, setExpiry] = useState<ExpiryChoice>("90");
  const [expiryDate, setExpiryDate] = useState("");
  const [ipText, setIpText] = useState("");
  const utils = api.useUtils();
  const form = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: EMPTY,
  });
  const create = api.apiKeys.create.useMutation({
    async onSuccess(result) {
      setCreated(result);
      toast.success(`Key “${result.key.name}” was created`);
      await utils.apiKeys.list.invalidate();
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });

  function reset() {
    setCreated(null);
    setFailure(null);
    setExpiry("90");
    setExpiryDate("");
    setIpText("");
    form.reset(EMPTY);
    create.reset();
  }

  function close() {
    setOpen(false);
    reset();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const expiresAt = expiryFrom(expiry, expiryDate, new Date());
    form.setValue("expiresAt", expiresAt ?? null);
    return form.handleSubmit((values) => {
      if (expiresAt === undefined) {
        form.setError(
          "expiresAt",
          { type: "required", message: "Pick the day the key stops working." },
          { shouldFocus: true },
        );
        return;
      }
      setFailure(null);
      create.mutate(values);
    })(event);
  }

  const { errors } = form.formState;
  const expiryError = errors.expiresAt?.message;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <KeyRound className="size-4" aria-hidden /> Create key
        </Button>
      </DialogTrigger>
      <DialogContent
        className="sm:max-w-2xl"
        // The key is shown once: a stray click outside must not close it before it is copied.
        onInteractOutside={(e) => (created ? e.preventDefault() : undefined)}
      >
        {created ? (
          <SecretPanel
            title="Copy your new key"
            description={
              <>
                “{created.key.name}” ({created.key.prefix}…) acts as you with {created.key.scopes.join(", ")}.
              </>
            }
            secret={created.secret}
            onDone={close}
          />
        ) : (
          <form noValidate className="grid gap-4" onSubmit={onSubmit}>
            <DialogHeader>
              <DialogTitle>Create an API key</DialogTitle>
              <DialogDescription>
                {role === "ADMIN"
                  ? "For a service or plugin of your organization. The key acts as you, limited to the scopes you choose."
                  : "For your own tools and plugins. The key acts as you, within what a teacher may do, limited to the scopes you choose."}
              </DialogDescription>
            </DialogHeader>
            <FormError message={failure} />
            <FormField
              label="Name"
              htmlFor="key-name"
              error={errors.name?.message}
              description="What uses the key, so you can tell keys apart later."
            >
              <Input id="key-name" placeholder="Roblox Studio plugin" autoComplete="off" {...form.register("name")} />
            </FormField>
            <Controller
              control={form.control}
              name="scopes"
              render={({ field }) => (
                <ScopePicker
                  actorRole={role}
                  value={field.value}
                  onChange={field.onChange}
                  error={listError(errors.scopes)}
                  firstRef={field.ref}
                />
              )}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                label="Expires"
                htmlFor="key-expiry"
                error={expiry === "date" ? undefined : expiryError}
                description={`At most ${API_KEY_MAX_LIFETIME_DAYS} days ahead.`}
              >
                <NativeSelect
                  id="key-expiry"
                  value={expiry}
                  onChange={(e) => {
                    setExpiry(e.target.value as ExpiryChoice);
                    form.clearErrors("expiresAt");
                  }}
                >
                  {EXPIRY_CHOICES.map((choice) => (
                    <option key={choice} value={choice}>
                      {EXPIRY_LABEL[choice]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              {expiry === "date" ? (
                <FormField
                  label="Expiry date"
                  htmlFor="key-expiry-date"
                  error={expiryError}
                  description="It stops working at the end of that day."
                >
                  <Input
                    id="key-expiry-date"
                    type="date"
                    min={tomorrowInput(new Date())}
                    max={latestExpiryInput(new Date())}
                    value={expiryDate}
                    onChange={(e) => {
                      setExpiryDate(e.target.value);
                      form.clearErrors("expiresAt");
                    }}
                  />
                </FormField>
              ) : null}
            </div>
            <Controller
              control={form.control}
              name="ipAllowlist"
              render={({ field }) => (
                <FormField
                  label="IP allowlist (optional)"
                  htmlFor="key-ips"
                  error={listError(errors.ipAllowlist)}
                  description={`One address or CIDR block per line (such as 203.0.113.7 or 198.51.100.0/24), at most ${API_KEY_MAX_ALLOWLIST}. Empty: any address.`}
                >
                  <Textarea
                    id="key-ips"
                    ref={field.ref}
                    rows={3}
                    spellCheck={false}
                    className="font-mono"
                    value={ipText}
                    onBlur={field.onBlur}
                    onChange={(e) => {
                      setIpText(e.target.value);
                      field.onChange(
                        e.target.value
                          .split("\n")
                          .map((line) => line.trim())
                          .filter(Boolean),
                      );
                    }}
                  />
                </FormField>
              )}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Creating…" : "Create key"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
