// Password hashing: argon2id through @node-rs/argon2 (maintained, prebuilt binaries shipped
// inside the npm package, no build step). Parameters are the library's OWASP-aligned defaults.
import { hash, verify } from "@node-rs/argon2";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, never a crash.
    return false;
  }
}

// A real hash of a random string, verified against when the email is unknown so an
// unknown address takes as long to refuse as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash(crypto.randomUUID());
  return dummyHash;
}
