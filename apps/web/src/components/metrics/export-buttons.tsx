"use client";

// "Export: JSON · CSV · Excel": each button downloads the page's numbers in that format from the
// REST API, shows its progress while the file is made, and says in a toast what went wrong.
import { type ExportFormat, exportFormats } from "@toolboxai/validators";
import { Download, Loader2 } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "~/components/ui/button";
import { DownloadError, downloadFile } from "./download";

export const FORMAT_LABEL: Record<ExportFormat, string> = { json: "JSON", csv: "CSV", xlsx: "Excel" };

export interface ExportRequest {
  url: string;
  init: RequestInit;
  fallbackName: string;
}

export function ExportButtons({
  request,
  label = "Export",
}: {
  /** Where each format is downloaded from. */
  request: (format: ExportFormat) => ExportRequest;
  label?: string;
}) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const { url, init, fallbackName } = request(format);
      const name = await downloadFile(url, init, fallbackName);
      toast.success(`Downloaded ${name}`);
    } catch (error) {
      toast.error("Couldn't export the numbers", {
        description: error instanceof DownloadError ? error.message : "The connection failed. Try again.",
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <fieldset className="flex flex-wrap items-center gap-2" aria-busy={busy !== null}>
      <legend className="sr-only">{label}</legend>
      <span className="text-muted-foreground text-sm" aria-hidden>
        {label}
      </span>
      {exportFormats.map((format) => (
        <Button
          key={format}
          variant="outline"
          size="sm"
          disabled={busy !== null}
          onClick={() => void run(format)}
          aria-label={`${label} as ${FORMAT_LABEL[format]}`}
        >
          {busy === format ? (
            <Loader2 className="size-3.5 motion-safe:animate-spin" aria-hidden />
          ) : (
            <Download className="size-3.5" aria-hidden />
          )}
          {FORMAT_LABEL[format]}
        </Button>
      ))}
      <span className="sr-only" role="status">
        {busy ? `Preparing the ${FORMAT_LABEL[busy]} file…` : ""}
      </span>
    </fieldset>
  );
}
