"use client";

// Curriculum standards as removable chips. The input is a combobox (WAI-ARIA APG "list
// autocomplete"): typing lists the built-in catalog's standards that fit the form's subject and
// grade and match the text; the arrow keys move through them, Enter picks one, Escape closes the
// list (or clears the text). Enter with no suggestion chosen adds the typed text as the teacher's
// own code. Codes are checked with the request's own standardCodeSchema, upper-cased, kept unique.
import { type CatalogStandardView, standardCodeSchema } from "@toolboxai/validators";
import { Plus, X } from "lucide-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { cn } from "~/lib/utils";
import { api } from "~/trpc/react";
import { gradesLabel, shortDescription, suggestStandards } from "./standards-suggestions";

export const MAX_STANDARDS = 10;

interface StandardsPickerProps {
  id: string;
  value: string[];
  onChange(codes: string[]): void;
  /** The form's subject and grade: suggestions fit them. */
  subject: string;
  gradeLevel: string;
  /** The form's topic: the standards about it come first. */
  topic: string;
  /** The form's error for the list (or one of its codes). */
  error?: string | undefined;
  disabled?: boolean;
}

export function StandardsPicker({
  id,
  value,
  onChange,
  subject,
  gradeLevel,
  topic,
  error,
  disabled,
}: StandardsPickerProps) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [open, setOpen] = useState(false);
  /** The suggestion the arrow keys are on (aria-activedescendant), or -1 for none. */
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const chips = useRef(new Map<string, HTMLButtonElement>());
  const optionPrefix = useId();
  const catalog = api.agents.standardsCatalog.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });

  const full = value.length >= MAX_STANDARDS;
  const shown = problem ?? error;
  const suggestions = useMemo(
    () => suggestStandards(catalog.data?.standards ?? [], { query: text, subject, gradeLevel, topic, chosen: value }),
    [catalog.data, text, subject, gradeLevel, topic, value],
  );
  const expanded = open && !disabled && !full && suggestions.length > 0;
  const activeStandard = expanded ? suggestions[active] : undefined;
  const optionId = (code: string) => `${optionPrefix}-${code}`;
  const activeId = activeStandard ? optionId(activeStandard.code) : undefined;

  // Keep the active suggestion in view as the arrow keys move through a long list.
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
  }, [activeId]);

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function addCode(raw: string): boolean {
    const parsed = standardCodeSchema.safeParse(raw);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "That is not a standard code");
      return false;
    }
    const code = parsed.data.toUpperCase();
    if (value.includes(code)) {
      setProblem(`${code} is already in the list`);
      return false;
    }
    if (full) {
      setProblem(`Pick at most ${MAX_STANDARDS} standards`);
      return false;
    }
    onChange([...value, code]);
    setText("");
    setProblem(null);
    close();
    setAnnouncement(`${code} added`);
    return true;
  }

  function pick(standard: CatalogStandardView) {
    if (addCode(standard.code)) input.current?.focus();
  }

  function addTyped() {
    if (text.trim()) addCode(text);
  }

  function remove(code: string, index: number) {
    const next = value.filter((c) => c !== code);
    onChange(next);
    setAnnouncement(`${code} removed`);
    // Keep keyboard users in the list: focus the next chip, the previous one, or the input.
    const neighbour = next[index] ?? next[index - 1];
    requestAnimationFrame(() => (neighbour ? chips.current.get(neighbour) : input.current)?.focus());
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    switch (e.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (count === 0) return;
        e.preventDefault();
        const down = e.key === "ArrowDown";
        if (!expanded) {
          setOpen(true);
          // Alt+ArrowDown only opens the list; ArrowDown/Up also move onto its first/last suggestion.
          setActive(e.altKey ? -1 : down ? 0 : count - 1);
          return;
        }
        setActive((i) => (down ? (i + 1) % count : i <= 0 ? count - 1 : i - 1));
        return;
      }
      case "Home":
      case "End":
        if (!activeStandard) return;
        e.preventDefault();
        setActive(e.key === "Home" ? 0 : count - 1);
        return;
      case "Enter":
        // Enter adds a standard instead of submitting the whole form.
        e.preventDefault();
        if (activeStandard) pick(activeStandard);
        else addTyped();
        return;
      case "Escape":
        if (expanded) {
          e.preventDefault();
          close();
        } else if (text) {
          e.preventDefault();
          setText("");
          setProblem(null);
        }
        return;
      case "Tab":
        close();
        return;
    }
  }

  const listboxId = `${id}-suggestions`;
  const describedBy = [`${id}-description`, shown ? `${id}-error` : null].filter(Boolean).join(" ");
  const noMatch = open && !disabled && !full && text.trim() !== "" && catalog.data && suggestions.length === 0;
  const status = expanded
    ? `${suggestions.length} ${suggestions.length === 1 ? "standard" : "standards"} suggested`
    : noMatch
      ? "No catalog standard matches: press Enter to add it as your own code"
      : "";

  return (
    <div className="grid gap-2" data-slot="form-field">
      <Label htmlFor={id} className={cn(shown && "text-destructive")}>
        Standards (optional)
      </Label>
      <div className="flex gap-2">
        <div className="relative flex-1">
          <Input
            ref={input}
            id={id}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={expanded ? listboxId : undefined}
            aria-activedescendant={activeId}
            autoComplete="off"
            value={text}
            disabled={disabled || full}
            placeholder={
              full ? `${MAX_STANDARDS} standards picked` : "Search the catalog or type a code, e.g. MS-LS1-6"
            }
            aria-describedby={describedBy}
            aria-invalid={shown ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setProblem(null);
              setOpen(true);
              setActive(-1);
            }}
            onClick={() => setOpen(true)}
            onKeyDown={onKeyDown}
            onBlur={close}
          />
          {expanded ? (
            <div
              id={listboxId}
              role="listbox"
              aria-label="Suggested standards"
              className="absolute inset-x-0 top-full z-50 mt-1 max-h-72 overflow-y-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
            >
              {suggestions.map((standard, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant): focus never leaves it
                <div
                  key={standard.code}
                  id={optionId(standard.code)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === active}
                  title={standard.description}
                  className={cn(
                    "grid cursor-pointer gap-0.5 rounded-sm px-2 py-1.5 text-sm",
                    index === active && "bg-accent text-accent-foreground",
                  )}
                  // Keep the focus in the input: the click picks without blurring it.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => setActive(index)}
                  onClick={() => pick(standard)}
                >
                  <span className="flex flex-wrap items-baseline gap-x-2">
                    <span className="font-medium font-mono">{standard.code}</span>{" "}
                    <span className="text-muted-foreground text-xs">
                      {standard.subject} · {gradesLabel(standard.grades)}
                    </span>
                  </span>{" "}
                  <span className="text-muted-foreground">{shortDescription(standard.description)}</span>
                </div>
              ))}
            </div>
          ) : null}
        </div>
        <Button type="button" variant="outline" disabled={disabled || full || !text.trim()} onClick={addTyped}>
          <Plus aria-hidden /> Add
        </Button>
      </div>
      <p id={`${id}-description`} className="text-muted-foreground text-sm">
        Pick from the NGSS and Common Core catalog (suggestions fit the subject and grade, closest to the topic first)
        or type any code and press Enter. The agents align the drafts to these and show the evidence.
      </p>
      {catalog.error ? (
        <p className="text-muted-foreground text-sm">The catalog couldn't be loaded: type the codes instead.</p>
      ) : null}
      {shown ? (
        <p role="alert" id={`${id}-error`} className="font-medium text-destructive text-sm">
          {shown}
        </p>
      ) : null}
      {value.length > 0 ? (
        <ul aria-label="Chosen standards" className="flex flex-wrap gap-2">
          {value.map((code, index) => (
            <li key={code}>
              <Badge variant="secondary" className="gap-1 overflow-visible py-0.5 pr-0.5 pl-2 text-sm">
                {code}
                <button
                  ref={(el) => {
                    if (el) chips.current.set(code, el);
                    else chips.current.delete(code);
                  }}
                  type="button"
                  disabled={disabled}
                  aria-label={`Remove ${code}`}
                  className="pointer-events-auto rounded-sm p-0.5 hover:bg-background focus-visible:outline-2 focus-visible:outline-ring"
                  onClick={() => remove(code, index)}
                >
                  <X className="size-3.5" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <span className="sr-only" aria-live="polite">
        {announcement}
      </span>
      <span className="sr-only" role="status">
        {status}
      </span>
    </div>
  );
}
