"use client";

// Where the person types: Enter sends, Shift+Enter starts a new line, Stop stops the reply that is
// streaming (Escape too: the thread listens for it). Typing stays possible while a reply streams;
// sending waits for it.
import { ASSISTANT_MESSAGE_MAX } from "@toolboxai/validators";
import { Send, Square } from "lucide-react";
import { type Ref, useId } from "react";
import { Button } from "~/components/ui/button";
import { Textarea } from "~/components/ui/textarea";
import { cn } from "~/lib/utils";

export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  streaming,
  placeholder,
  disabledReason,
  compact,
  textareaRef,
}: {
  value: string;
  onChange(value: string): void;
  onSend(): void;
  onStop(): void;
  streaming: boolean;
  placeholder: string;
  /** Why the person cannot write here (a conversation they only read); the composer is disabled. */
  disabledReason?: string | null;
  compact: boolean;
  textareaRef?: Ref<HTMLTextAreaElement>;
}) {
  const id = useId();
  const disabled = Boolean(disabledReason);
  const canSend = !disabled && !streaming && value.trim() !== "";
  return (
    <form
      noValidate
      className={cn("grid gap-2 border-t", compact ? "p-2" : "p-3")}
      onSubmit={(e) => {
        e.preventDefault();
        if (canSend) onSend();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <Textarea
        ref={textareaRef}
        id={id}
        rows={compact ? 2 : 3}
        maxLength={ASSISTANT_MESSAGE_MAX}
        placeholder={disabled ? undefined : placeholder}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        className="max-h-48 resize-none"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // Enter while an input method is composing (Japanese, Chinese…) picks the word instead.
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            if (canSend) onSend();
          }
        }}
      />
      <div className="flex items-center justify-between gap-2">
        <p id={`${id}-hint`} className={cn("text-muted-foreground text-xs", compact && !disabled && "sr-only")}>
          {disabledReason ?? "Enter to send, Shift + Enter for a new line."}
        </p>
        {streaming ? (
          <Button type="button" size="sm" variant="outline" onClick={onStop}>
            <Square aria-hidden className="fill-current" />
            Stop
          </Button>
        ) : (
          <Button type="submit" size="sm" disabled={!canSend}>
            <Send aria-hidden />
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
