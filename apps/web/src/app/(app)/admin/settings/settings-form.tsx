"use client";

// The Settings form: every setting of the organization in one form (saved together, each field's
// error next to it), the plan shown read-only. Leaving with unsaved changes asks first.
import { zodResolver } from "@hookform/resolvers/zod";
import { emailDomainSchema, type OrgSettings, type OrgSettingsView, orgSettingsSchema } from "@toolboxai/validators";
import { X } from "lucide-react";
import { useEffect, useState } from "react";
import { Controller, type FieldPath, useForm } from "react-hook-form";
import { toast } from "sonner";
import { LoadError } from "~/components/load-error";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { FormError } from "~/components/ui/form-error";
import { FormField } from "~/components/ui/form-field";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { NativeSelect } from "~/components/ui/native-select";
import { Skeleton } from "~/components/ui/skeleton";
import { applyServerErrors } from "~/lib/form-errors";
import { useUnsavedChanges } from "~/lib/use-unsaved-changes";
import { api } from "~/trpc/react";

const PLAN_LABEL: Record<OrgSettingsView["plan"], string> = {
  FREE: "Free",
  BASIC: "Basic",
  PREMIUM: "Premium",
  ENTERPRISE: "Enterprise",
};
const GRADE_DISPLAY_LABEL: Record<OrgSettings["gradeDisplay"], string> = {
  PERCENT: "Percent (87%)",
  POINTS: "Points (26 / 30)",
  LETTER: "Letter grade (B+)",
};

const settingsOf = (view: OrgSettingsView): OrgSettings => {
  const { id: _id, slug: _slug, plan: _plan, ...settings } = view;
  return settings;
};

export function SettingsForm() {
  const settings = api.organization.get.useQuery();
  if (settings.error)
    return (
      <LoadError
        title="The settings could not be loaded"
        message={settings.error.message}
        onRetry={() => void settings.refetch()}
      />
    );
  if (!settings.data)
    return (
      <div className="grid gap-6" role="status" aria-busy="true" aria-label="Loading the settings">
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    );
  return <LoadedSettingsForm view={settings.data} />;
}

/** The runtime's time zones; only after mount, so the server's and the browser's lists never differ at hydration. */
function useTimeZones(current: string): string[] {
  const [zones, setZones] = useState<string[]>([current]);
  useEffect(() => {
    const all = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")];
    setZones(all.includes(current) ? all : [current, ...all]);
  }, [current]);
  return zones;
}

function LoadedSettingsForm({ view }: { view: OrgSettingsView }) {
  const utils = api.useUtils();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<OrgSettings>({ resolver: zodResolver(orgSettingsSchema), defaultValues: settingsOf(view) });
  const { errors, isDirty } = form.formState;
  const guard = useUnsavedChanges(isDirty);
  const zones = useTimeZones(view.timeZone);
  const update = api.organization.update.useMutation({
    onSuccess(saved) {
      utils.organization.get.setData(undefined, saved);
      form.reset(settingsOf(saved));
      toast.success("Settings saved");
    },
    onError(error) {
      setFailure(applyServerErrors(error, form.setError));
    },
  });

  return (
    <form
      noValidate
      className="grid gap-6"
      aria-label="Organization settings"
      onSubmit={form.handleSubmit((values) => {
        setFailure(null);
        update.mutate(values);
      })}
    >
      <FormError message={failure} />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-lg">School</h2>
          </CardTitle>
          <CardDescription>
            Plan: <Badge variant="secondary">{PLAN_LABEL[view.plan]}</Badge>{" "}
            <span className="text-muted-foreground">(your plan is changed by your account manager)</span>
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <FormField label="Name" htmlFor="settings-name" error={errors.name?.message} className="sm:col-span-2">
            <Input id="settings-name" autoComplete="organization" {...form.register("name")} />
          </FormField>
          <FormField
            label="Time zone"
            htmlFor="settings-time-zone"
            error={errors.timeZone?.message}
            description="Dates in reports and due dates are shown in this zone."
          >
            <NativeSelect id="settings-time-zone" {...form.register("timeZone")}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Grade display"
            htmlFor="settings-grade-display"
            error={errors.gradeDisplay?.message}
            description="How scores show in the gradebook and to students."
          >
            <NativeSelect id="settings-grade-display" {...form.register("gradeDisplay")}>
              {Object.entries(GRADE_DISPLAY_LABEL).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-lg">Sign-in</h2>
          </CardTitle>
          <CardDescription>
            With domains listed, only addresses at them can be given to new accounts or sign in. With none, any address
            works.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Controller
            control={form.control}
            name="allowedEmailDomains"
            render={({ field }) => (
              <DomainsEditor
                domains={field.value}
                onChange={field.onChange}
                error={
                  errors.allowedEmailDomains?.message ??
                  (Array.isArray(errors.allowedEmailDomains)
                    ? errors.allowedEmailDomains.find((e) => e?.message)?.message
                    : undefined)
                }
              />
            )}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-lg">Retention</h2>
          </CardTitle>
          <CardDescription>
            How long records are kept. Older ones are removed by a job that runs every hour; the Data protection page
            previews what it would remove.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
          <NullableNumberField
            form={form}
            name="retentionActivityDays"
            id="settings-retention-activity"
            label="Activity events (days)"
            nullLabel="Keep forever"
            fallback={365}
          />
          <NullableNumberField
            form={form}
            name="retentionAuditDays"
            id="settings-retention-audit"
            label="Audit log (days)"
            nullLabel="Keep forever"
            fallback={730}
          />
          <NullableNumberField
            form={form}
            name="retentionAgentIoDays"
            id="settings-retention-agent-io"
            label="AI prompts and outputs (days)"
            nullLabel="Keep forever"
            fallback={90}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-lg">AI</h2>
          </CardTitle>
          <CardDescription>
            Who may generate content with the AI, and how many model tokens the school may use per day (UTC).
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          <NullableNumberField
            form={form}
            name="aiDailyTokenBudget"
            id="settings-ai-budget"
            label="Daily token budget"
            nullLabel="No daily budget"
            fallback={200_000}
          />
          <fieldset className="grid gap-3">
            <legend className="mb-2 font-medium text-sm">May generate</legend>
            <Controller
              control={form.control}
              name="aiGenerateRoles"
              render={({ field }) => (
                <>
                  {(["TEACHER", "ADMIN"] as const).map((role) => (
                    <RoleSwitch
                      key={role}
                      id={`settings-generate-${role.toLowerCase()}`}
                      label={role === "TEACHER" ? "Teachers" : "Admins"}
                      checked={field.value.includes(role)}
                      onChange={(on) =>
                        field.onChange(on ? [...field.value, role] : field.value.filter((r) => r !== role))
                      }
                    />
                  ))}
                </>
              )}
            />
            {errors.aiGenerateRoles?.message ? (
              <p role="alert" className="font-medium text-destructive text-sm">
                {errors.aiGenerateRoles.message}
              </p>
            ) : null}
          </fieldset>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-lg">Erasure</h2>
          </CardTitle>
          <CardDescription>
            Days between erasing a person and purging their data, during which the erasure can be undone.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-3">
          <FormField
            label="Grace period (days)"
            htmlFor="settings-erasure-grace"
            error={errors.erasureGraceDays?.message}
          >
            <Input
              id="settings-erasure-grace"
              type="number"
              inputMode="numeric"
              min={0}
              max={365}
              {...form.register("erasureGraceDays", { valueAsNumber: true })}
            />
          </FormField>
        </CardContent>
      </Card>

      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" disabled={!isDirty || update.isPending} onClick={() => form.reset()}>
          Discard changes
        </Button>
        <Button type="submit" disabled={!isDirty || update.isPending}>
          {update.isPending ? "Saving…" : "Save settings"}
        </Button>
      </div>
      {guard.dialog}
    </form>
  );
}

type NullableNumberName = Extract<
  FieldPath<OrgSettings>,
  "retentionActivityDays" | "retentionAuditDays" | "retentionAgentIoDays" | "aiDailyTokenBudget"
>;

/** A number that may be "none" (kept forever, no budget): a checkbox for none and the number beside it. */
function NullableNumberField({
  form,
  name,
  id,
  label,
  nullLabel,
  fallback,
}: {
  form: ReturnType<typeof useForm<OrgSettings>>;
  name: NullableNumberName;
  id: string;
  label: string;
  nullLabel: string;
  fallback: number;
}) {
  const error = form.formState.errors[name]?.message;
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => {
        const none = field.value === null;
        return (
          <FormField label={label} htmlFor={id} error={error}>
            <div className="grid gap-2">
              <Input
                id={id}
                type="number"
                inputMode="numeric"
                disabled={none}
                value={none ? "" : Number.isNaN(field.value) ? "" : String(field.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : undefined}
                onChange={(e) => field.onChange(e.target.value === "" ? Number.NaN : e.target.valueAsNumber)}
                onBlur={field.onBlur}
              />
              <label className="flex items-center gap-2 text-sm" htmlFor={`${id}-none`}>
                <input
                  id={`${id}-none`}
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={none}
                  onChange={(e) => field.onChange(e.target.checked ? null : fallback)}
                />
                {nullLabel}
              </label>
            </div>
          </FormField>
        );
      }}
    />
  );
}

function RoleSwitch({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        className="size-4 accent-primary"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <Label htmlFor={id}>{label}</Label>
    </div>
  );
}

/** The allowed domains as removable chips, and a field to add one (checked as it is added). */
function DomainsEditor({
  domains,
  onChange,
  error,
}: {
  domains: string[];
  onChange: (domains: string[]) => void;
  error: string | undefined;
}) {
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState<string | null>(null);
  const add = () => {
    const parsed = emailDomainSchema.safeParse(draft.replace(/^@/, ""));
    if (!parsed.success) {
      setDraftError(parsed.error.issues[0]?.message ?? "Enter a domain such as school.edu");
      return;
    }
    if (!domains.includes(parsed.data)) onChange([...domains, parsed.data]);
    setDraft("");
    setDraftError(null);
  };
  const shownError = draftError ?? error;
  return (
    <div className="grid gap-3">
      {domains.length === 0 ? (
        <p className="text-muted-foreground text-sm">Any email domain may be used.</p>
      ) : (
        <ul className="flex flex-wrap gap-2" aria-label="Allowed email domains">
          {domains.map((domain) => (
            <li key={domain}>
              <Badge variant="outline" className="gap-1 py-1 pr-1 text-sm">
                @{domain}
                <button
                  type="button"
                  className="rounded-sm p-0.5 hover:bg-muted"
                  aria-label={`Remove ${domain}`}
                  onClick={() => onChange(domains.filter((d) => d !== domain))}
                >
                  <X className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <FormField
        label="Add an allowed domain"
        htmlFor="settings-domain"
        error={shownError ?? undefined}
        description="For example school.edu: only the domain, without @."
      >
        <div className="flex gap-2">
          <Input
            id="settings-domain"
            placeholder="school.edu"
            autoComplete="off"
            value={draft}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? "settings-domain-error" : "settings-domain-description"}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add();
              }
            }}
          />
          <Button type="button" variant="outline" onClick={add} disabled={draft.trim() === ""}>
            Add domain
          </Button>
        </div>
      </FormField>
    </div>
  );
}
