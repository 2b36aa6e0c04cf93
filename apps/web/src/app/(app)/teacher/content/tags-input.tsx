"use client";

import { useEffect, useState } from "react";
import { Input } from "~/components/ui/input";

/** Comma-separated tags, kept as the user types and parsed into the list. */
export function TagsInput({ id, value, onChange }: { id: string; value: string[]; onChange(tags: string[]): void }) {
  const [text, setText] = useState(value.join(", "));
  const parse = (s: string) =>
    s
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean);
  // Follow outside changes (a reset), without fighting the user's typing.
  useEffect(() => {
    setText((current) => (parse(current).join(",") === value.join(",") ? current : value.join(", ")));
  }, [value]);
  return (
    <Input
      id={id}
      value={text}
      placeholder="fractions, visual"
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}
