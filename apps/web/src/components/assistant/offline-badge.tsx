"use client";

// The label on a reply the built-in offline model wrote (no language model is connected), with a
// tooltip saying what that means. The trigger is a button so keyboard users reach the tooltip too.
import { WifiOff } from "lucide-react";
import { Tooltip } from "radix-ui";
import { Badge } from "~/components/ui/badge";

export const OFFLINE_EXPLANATION =
  "Written by the built-in offline demo model: it answers from fixed patterns, the same way each time, without a real language model.";

export function OfflineBadge() {
  return (
    <Tooltip.Provider delayDuration={200}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <Badge asChild variant="warning">
            <button type="button" data-testid="offline-badge" className="cursor-help">
              <WifiOff aria-hidden />
              Offline model
            </button>
          </Badge>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side="top"
            sideOffset={4}
            className="z-50 max-w-xs rounded-md border bg-popover px-3 py-2 text-popover-foreground text-xs shadow-md data-[state=delayed-open]:animate-pop-in"
          >
            {OFFLINE_EXPLANATION}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
