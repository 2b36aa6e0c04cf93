import { Alert, AlertDescription } from "~/components/ui/alert";

/** The error shown above a form when it is not about one field (announced to screen readers). */
export function FormError({ message, className }: { message: string | null | undefined; className?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive" className={className}>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
