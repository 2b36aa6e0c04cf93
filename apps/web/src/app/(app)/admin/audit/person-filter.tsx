"use client";

// The "Person" filter: type a name or email, pick one of the matching people (a list of
// buttons, keyboard reachable), and the log shows what that person did. A chosen person shows as
// a chip with a button that clears it.
import type { AuditPerson } from "@toolboxai/validators";
import { X } from "lucide-react";
import { useState } from "react";
import { ROLE_LABEL } from "~/components/app-shell";
import { Button } from "~/components/ui/button";
import { Label } from "~/components/ui/label";
import { SearchInput } from "~/components/ui/search-input";
import { useDebounced } from "~/lib/use-debounced";
import { api } from "~/trpc/react";

export function PersonFilter({
  actorId,
  onChange,
}: {
  actorId: string | undefined;
  onChange(person: AuditPerson | null): void;
}) {
  const [text, setText] = useState("");
  const term = useDebounced(text.trim(), 250);
  const chosen = api.audit.people.useQuery({ userId: actorId ?? "" }, { enabled: Boolean(actorId) });
  const matches = api.audit.people.useQuery({ search: term }, { enabled: !actorId && term.length >= 2 });
  const person = chosen.data?.items[0];

  if (actorId) {
    return (
      <div className="grid gap-1.5">
        <span className="font-medium text-sm leading-none">Person</span>
        <div className="flex h-9 items-center gap-1 rounded-md border bg-muted/40 pr-1 pl-3 text-sm">
          <span className="min-w-0 flex-1 truncate" data-testid="audit-person">
            {person ? `${person.name} (${person.email})` : chosen.isPending ? "Loading…" : "Someone no longer here"}
          </span>
          <Button
            type="button"
            variant="ghost"
            size="icon"
            className="size-7"
            aria-label="Clear the person filter"
            onClick={() => onChange(null)}
          >
            <X className="size-4" aria-hidden />
          </Button>
        </div>
      </div>
    );
  }

  const items = term.length >= 2 ? (matches.data?.items ?? []) : [];
  return (
    <div className="relative grid gap-1.5">
      <Label htmlFor="audit-person-search">Person</Label>
      <SearchInput
        id="audit-person-search"
        placeholder="Name or email"
        value={text}
        autoComplete="off"
        aria-describedby="audit-person-hint"
        onChange={(e) => setText(e.target.value)}
      />
      <span id="audit-person-hint" className="sr-only">
        Type at least two letters, then choose a person from the list below.
      </span>
      {term.length >= 2 ? (
        <ul
          aria-label="Matching people"
          className="absolute top-full right-0 left-0 z-20 mt-1 max-h-64 overflow-auto rounded-md border bg-popover p-1 shadow-md"
        >
          {matches.isPending ? (
            <li className="px-2 py-1.5 text-muted-foreground text-sm">Searching…</li>
          ) : items.length === 0 ? (
            <li className="px-2 py-1.5 text-muted-foreground text-sm">No one matches “{term}”.</li>
          ) : (
            items.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="flex w-full flex-col items-start rounded-sm px-2 py-1.5 text-left text-sm hover:bg-accent focus-visible:bg-accent focus-visible:outline-none"
                  onClick={() => {
                    setText("");
                    onChange(p);
                  }}
                >
                  <span className="font-medium">{p.name}</span>
                  <span className="text-muted-foreground text-xs">
                    {p.email} · {ROLE_LABEL[p.role]}
                  </span>
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </div>
  );
}
