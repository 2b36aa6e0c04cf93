// What every REST test checks about a response, whatever it is testing: it conforms to the
// document (status, content type, schema), and problem details are well formed.
import { expect } from "vitest";
import type { Reply } from "./client";
import { nonConformities } from "./conformance";
import type { DocOperation } from "./document";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: { pointer: string; detail: string }[];
  fieldErrors?: Record<string, string[]>;
}

export function expectConforms(op: DocOperation, res: Reply): void {
  expect(nonConformities(op, res), `${res.request} → ${res.status} ${res.text.slice(0, 400)}`).toEqual([]);
}

/** `res` has `status`, conforms to the document, and (for errors) is problem+json naming itself. */
export function expectStatus(op: DocOperation, res: Reply, status: number): void {
  expect(res.status, `${res.request} → ${res.status} ${res.text.slice(0, 600)}`).toBe(status);
  expectConforms(op, res);
  if (status >= 400) {
    const p = res.json as ProblemBody;
    expect(p.status).toBe(status);
    expect(p.requestId).toBe(res.headers.get("x-request-id"));
    expect(p.instance).toBe(new URL(`http://x${res.request.split(" ")[1] ?? ""}`).pathname);
  }
}

export function problemOf(res: Reply): ProblemBody {
  return res.json as ProblemBody;
}

/** The members of the input a 400 says are invalid (its `errors` pointers and `fieldErrors` keys). */
export function invalidFields(res: Reply): string[] {
  const p = problemOf(res);
  const pointers = (p.errors ?? []).map((e) => e.pointer.split("/")[1] ?? "");
  return [...new Set([...pointers, ...Object.keys(p.fieldErrors ?? {})])];
}

export function expectRateLimitFields(res: Reply): void {
  const fields = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"].map((h) => [
    h,
    res.headers.get(h),
  ]);
  expect(
    fields.filter(([, v]) => !(v && /^\d+$/.test(v))),
    `${res.request} → ${res.status}: rate-limit fields`,
  ).toEqual([]);
}
