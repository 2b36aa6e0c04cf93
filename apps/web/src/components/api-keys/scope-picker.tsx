"use client";

// The scopes of a new key: checkboxes grouped by area, each with what it allows. A teacher is not
// offered `admin` (scopeGroupsFor).
import type { ApiScope, Role } from "@toolboxai/validators";
import { useId } from "react";
import { cn } from "~/lib/utils";
import { scopeGroupsFor } from "./scope-catalog";

export function ScopePicker({
  actorRole,
  value,
  onChange,
  error,
  disabled,
  firstRef,
}: {
  /** Who is making the key: the scopes offered are those their role may grant. */
  actorRole: Role;
  value: readonly ApiScope[];
  onChange(scopes: ApiScope[]): void;
  error?: string;
  disabled?: boolean;
  /** The first checkbox, for focusing the picker when it has an error. */
  firstRef?: React.Ref<HTMLInputElement>;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const chosen = new Set(value);
  const toggle = (scope: ApiScope, on: boolean) =>
    onChange(on ? [...value.filter((s) => s !== scope), scope] : value.filter((s) => s !== scope));
  let first = true;
  return (
    <fieldset className="grid gap-3" aria-describedby={error ? errorId : undefined} disabled={disabled}>
      <legend className={cn("mb-1 font-medium text-sm", error && "text-destructive")}>Scopes</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {scopeGroupsFor(actorRole).map((group) => (
          <fieldset key={group.label} className="grid content-start gap-2 rounded-md border p-3">
            <legend className="px-1 font-medium text-muted-foreground text-xs">{group.label}</legend>
            {group.scopes.map((s) => {
              const boxId = `${id}-${s.scope}`;
              const ref = first ? firstRef : undefined;
              first = false;
              return (
                <div key={s.scope} className="flex items-start gap-2">
                  <input
                    ref={ref}
                    id={boxId}
                    type="checkbox"
                    className="mt-0.5 size-4 shrink-0 accent-primary"
                    checked={chosen.has(s.scope)}
                    onChange={(e) => toggle(s.scope, e.target.checked)}
                    aria-describedby={`${boxId}-description`}
                    aria-invalid={error ? true : undefined}
                  />
                  <div className="grid gap-0.5 text-sm">
                    <label htmlFor={boxId} className="font-medium">
                      {s.label} <code className="font-normal text-muted-foreground text-xs">{s.scope}</code>
                    </label>
                    <span id={`${boxId}-description`} className="text-muted-foreground text-xs">
                      {s.description}
                    </span>
                  </div>
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      {error ? (
        <p role="alert" id={errorId} className="font-medium text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
