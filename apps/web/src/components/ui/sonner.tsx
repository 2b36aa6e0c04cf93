"use client";

import type * as React from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

/**
 * App-wide toast outlet. Colours come from the theme CSS variables, so it follows `.dark`
 * without next-themes; `theme` only picks Sonner's built-in accents (default "light").
 */
function Toaster({ theme = "light", toastOptions, ...props }: ToasterProps) {
  return (
    <Sonner
      theme={theme}
      className="toaster group"
      style={
        {
          "--normal-bg": "var(--popover)",
          "--normal-text": "var(--popover-foreground)",
          "--normal-border": "var(--border)",
          "--border-radius": "var(--radius)",
        } as React.CSSProperties
      }
      toastOptions={{
        ...toastOptions,
        classNames: { description: "text-muted-foreground!", ...toastOptions?.classNames },
      }}
      {...props}
    />
  );
}

export { Toaster, type ToasterProps };
