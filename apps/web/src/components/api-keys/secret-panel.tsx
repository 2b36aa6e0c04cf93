"use client";

// A new key, shown once, inside the dialog that made it (create or rotate): the full key with
// Copy, the warning that it will not be shown again, and a curl line to try it. Closing the
// dialog forgets the key: the server keeps only its hash.
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "~/components/ui/dialog";
import { copyText } from "~/lib/copy-text";

/** The command that lists classes with `secret`, against `origin`. */
export function curlLine(secret: string, origin: string): string {
  return `curl -H "Authorization: Bearer ${secret}" ${origin}/api/v1/classes`;
}

/** A labelled block of text to copy: "Copied" once copied; a failure is said by copyText (never swallowed). */
function CopyBlock({
  label,
  text,
  className,
  testId,
}: {
  label: string;
  text: string;
  className?: string;
  testId?: string;
}) {
  const target = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  const labelId = useId();
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <span id={labelId} className="font-medium text-sm">
          {label}
        </span>
        <Button
          type="button"
          variant="outline"
          size="sm"
          aria-describedby={labelId}
          onClick={async () => setCopied(await copyText(text, target.current))}
        >
          {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <code
        ref={target}
        data-testid={testId}
        className={`block break-all rounded-md border bg-muted px-3 py-2 font-mono ${className ?? "text-sm"}`}
      >
        {text}
      </code>
    </div>
  );
}

export function SecretPanel({
  title,
  description,
  secret,
  onDone,
}: {
  title: string;
  description: React.ReactNode;
  /** The full key (`tbx_live_…`). */
  secret: string;
  onDone(): void;
}) {
  // The panel only renders in the browser, after a create or rotate.
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <>
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <Alert role="status" className="border-warning/40 bg-warning/10 text-warning">
        <TriangleAlert aria-hidden />
        <AlertTitle>This is the only time the key is shown</AlertTitle>
        <AlertDescription className="text-foreground">
          Store it now, in a password manager or the service's secret settings. Only a fingerprint of it is kept: if it
          is lost, rotate the key or create another one.
        </AlertDescription>
      </Alert>
      <CopyBlock label="API key" text={secret} testId="new-api-key" />
      <CopyBlock label="Try it" text={curlLine(secret, origin)} className="text-xs" />
      <p className="text-muted-foreground text-sm">
        Send the key in the <code>Authorization: Bearer</code> header or in <code>X-API-Key</code>, never in a URL. The{" "}
        <a href="/docs" className="font-medium text-primary underline underline-offset-4">
          API docs
        </a>{" "}
        list every operation and the scope it needs.
      </p>
      <DialogFooter>
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </DialogFooter>
    </>
  );
}
