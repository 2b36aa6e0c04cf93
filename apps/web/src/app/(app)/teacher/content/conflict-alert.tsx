import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";

/** A save that lost to someone else's: the server's message, and a way to the latest version. */
export function ConflictAlert({
  message,
  onLoadLatest,
  "data-testid": testId,
}: {
  message: string;
  onLoadLatest: () => Promise<void>;
  "data-testid"?: string;
}) {
  return (
    <Alert variant="destructive" data-testid={testId}>
      <AlertTitle>Someone else saved first</AlertTitle>
      <AlertDescription className="grid gap-3">
        <p>{message}</p>
        <div>
          <Button size="sm" variant="outline" onClick={onLoadLatest}>
            Discard my changes and load the latest version
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
