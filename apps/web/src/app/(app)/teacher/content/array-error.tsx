/** The error of an array field as a whole (too few sections, say), announced when it appears. */
export function ArrayError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="font-medium text-destructive text-sm">
      {message}
    </p>
  ) : null;
}
