"use client";

// The date range of a metrics page: three radio buttons drawn as a segmented control, so arrow
// keys move between them and screen readers announce "Last 30 days, radio button, 2 of 3".
import { type DateRange, dateRanges } from "@toolboxai/validators";
import { useId } from "react";
import { cn } from "~/lib/utils";
import { DATE_RANGE_LABEL } from "./format";

export function DateRangePicker({
  value,
  onChange,
  disabled = false,
  label = "Date range",
}: {
  value: DateRange;
  onChange: (range: DateRange) => void;
  disabled?: boolean;
  label?: string;
}) {
  const name = useId();
  return (
    <fieldset className="flex items-center gap-2" disabled={disabled}>
      <legend className="sr-only">{label}</legend>
      <div className="inline-flex rounded-md border bg-background p-0.5 shadow-xs">
        {dateRanges.map((range) => (
          <label
            key={range}
            className={cn(
              "relative cursor-pointer rounded-sm px-3 py-1 font-medium text-sm transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50",
              value === range ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
            )}
          >
            <input
              type="radio"
              name={name}
              value={range}
              checked={value === range}
              onChange={() => onChange(range)}
              // Over the whole segment, transparent: a click anywhere on it is a click on the radio.
              className="absolute inset-0 m-0 cursor-pointer appearance-none opacity-0"
              aria-label={DATE_RANGE_LABEL[range]}
            />
            <span aria-hidden>{range.replace("d", " days")}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
