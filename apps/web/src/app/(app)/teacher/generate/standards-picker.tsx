"use client";

// Curriculum standards as removable chips: type a code, press Enter (or Add). Codes are checked
// with the request's own standardCodeSchema as they are added, upper-cased and kept unique.
import { standardCodeSchema } from "@toolboxai/validators";
import { Plus, X } from "lucide-react";
import { useRef, useState } from "react";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { cn } from "~/lib/utils";

export const MAX_STANDARDS = 10;

interface StandardsPickerProps {
  id: string;
  value: string[];
  onChange(codes: string[]): void;
  /** The form's error for the list (or one of its codes). */
  error?: string | undefined;
  disabled?: boolean;
}

export function StandardsPicker({ id, value, onChange, error, disabled }: StandardsPickerProps) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const chips = useRef(new Map<string, HTMLButtonElement>());
  const shown = problem ?? error;
  const full = value.length >= MAX_STANDARDS;

  function add() {
    if (!text.trim()) return;
    const parsed = standardCodeSchema.safeParse(text);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "That is not a standard code");
      return;
    }
    const code = parsed.data.toUpperCase();
    if (value.includes(code)) {
      setProblem(`${code} is already in the list`);
      return;
    }
    if (full) {
      setProblem(`Pick at most ${MAX_STANDARDS} standards`);
      return;
    }
    onChange([...value, code]);
    setText("");
    setProblem(null);
    setAnnouncement(`${code} added`);
  }

  function remove(code: string, index: number) {
    const next = value.filter((c) => c !== code);
    onChange(next);
    setAnnouncement(`${code} removed`);
    // Keep keyboard users in the list: focus the next chip, the previous one, or the input.
    const neighbour = next[index] ?? next[index - 1];
    requestAnimationFrame(() => (neighbour ? chips.current.get(neighbour) : input.current)?.focus());
  }

  const describedBy = [`${id}-description`, shown ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="grid gap-2" data-slot="form-field">
      <Label htmlFor={id} className={cn(shown && "text-destructive")}>
        Standards (optional)
      </Label>
      <div className="flex gap-2">
        <Input
          ref={input}
          id={id}
          value={text}
          disabled={disabled || full}
          placeholder={full ? `${MAX_STANDARDS} standards picked` : "e.g. MS-LS1-6"}
          aria-describedby={describedBy}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => {
            // Enter adds the code instead of submitting the whole form.
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <Button type="button" variant="outline" disabled={disabled || full || !text.trim()} onClick={add}>
          <Plus aria-hidden /> Add
        </Button>
      </div>
      <p id={`${id}-description`} className="text-muted-foreground text-sm">
        Type a code and press Enter. The agents align the drafts to these and show the evidence.
      </p>
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
    </div>
  );
}
