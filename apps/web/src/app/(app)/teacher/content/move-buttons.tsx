import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Button } from "~/components/ui/button";

/** Move up, move down and remove, for one element of an array field. */
export function MoveButtons({
  label,
  index,
  count,
  move,
  remove,
}: {
  label: string;
  index: number;
  count: number;
  move(from: number, to: number): void;
  remove(index: number): void;
}) {
  return (
    <div className="flex gap-1">
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Move ${label} up`}
        disabled={index === 0}
        onClick={() => move(index, index - 1)}
      >
        <ArrowUp aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Move ${label} down`}
        disabled={index === count - 1}
        onClick={() => move(index, index + 1)}
      >
        <ArrowDown aria-hidden />
      </Button>
      <Button
        type="button"
        variant="ghost"
        size="icon"
        aria-label={`Remove ${label}`}
        disabled={count === 1}
        onClick={() => remove(index)}
      >
        <Trash2 aria-hidden />
      </Button>
    </div>
  );
}
