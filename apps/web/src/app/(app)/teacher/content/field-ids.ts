import { useId } from "react";

/**
 * Ids for a form's fields that are unique on the page, so two editors can be mounted at once
 * (the review screen keeps every draft's form mounted): `fid("content-title")`.
 */
export function useFieldIds(): (name: string) => string {
  const uid = useId();
  return (name) => `${uid}${name}`;
}
