import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

interface ServerErrorShape {
  message: string;
  data?: { fieldErrors?: Record<string, string[] | undefined> | null; requestId?: string | null } | null;
}

/**
 * Puts a tRPC error's field errors next to their fields. Returns the message to show
 * above the form when the error is not about a field (or null when it was).
 */
export function applyServerErrors<T extends FieldValues>(
  error: ServerErrorShape,
  setError: UseFormSetError<T>,
): string | null {
  const fieldErrors = error.data?.fieldErrors ?? {};
  let placed = false;
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const message = messages?.[0];
    if (!message) continue;
    setError(field as Path<T>, { type: "server", message }, { shouldFocus: !placed });
    placed = true;
  }
  if (placed) return null;
  const id = error.data?.requestId;
  return id ? `${error.message} (reference ${id.slice(0, 8)})` : error.message;
}
