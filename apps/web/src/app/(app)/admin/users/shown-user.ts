"use client";

import { useState } from "react";

/**
 * The person a dialog is about, kept after the dialog's `user` goes back to null, so the title
 * ("Delete Ada?") does not break into "Delete undefined?" during the closing animation.
 */
export function useShownUser<T>(user: T | null): T | null {
  const [last, setLast] = useState<T | null>(user);
  // Storing what the previous render saw (React's documented pattern), not an effect: no flash.
  if (user !== null && user !== last) setLast(user);
  return user ?? last;
}
