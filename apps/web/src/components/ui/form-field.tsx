import * as React from "react";
import { Label } from "~/components/ui/label";
import { cn } from "~/lib/utils";

type ControlProps = { "aria-describedby"?: string; "aria-invalid"?: React.AriaAttributes["aria-invalid"] };

export type FormFieldProps = {
  label: React.ReactNode;
  /** The control's id; the error is rendered as `${htmlFor}-error`, the description as `${htmlFor}-description`. */
  htmlFor: string;
  error?: string;
  description?: React.ReactNode;
  className?: string;
  children: React.ReactNode;
};

/**
 * Label + control + description + error. When `children` is a single element, its `aria-describedby`
 * is extended with the description/error ids and `aria-invalid` is set on error (explicit props win).
 */
function FormField({ label, htmlFor, error, description, className, children }: FormFieldProps) {
  const errorId = `${htmlFor}-error`;
  const descriptionId = `${htmlFor}-description`;

  let control = children;
  if (React.isValidElement<ControlProps>(children)) {
    const ids = new Set((children.props["aria-describedby"] ?? "").split(/\s+/).filter(Boolean));
    if (description) ids.add(descriptionId);
    if (error) ids.add(errorId);
    control = React.cloneElement(children, {
      "aria-describedby": ids.size > 0 ? [...ids].join(" ") : undefined,
      "aria-invalid": children.props["aria-invalid"] ?? (error ? true : undefined),
    });
  }

  return (
    <div data-slot="form-field" className={cn("grid gap-2", className)}>
      <Label htmlFor={htmlFor} className={cn(error && "text-destructive")}>
        {label}
      </Label>
      {control}
      {description ? (
        <p id={descriptionId} className="text-muted-foreground text-sm">
          {description}
        </p>
      ) : null}
      {error ? (
        <p role="alert" id={errorId} className="font-medium text-destructive text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export { FormField };
