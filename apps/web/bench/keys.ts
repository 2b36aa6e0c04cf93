// API keys for the benchmark's callers, inserted directly: made and hashed as
// packages/core/src/api-keys/ does (HMAC with deriveSecret(NEXTAUTH_SECRET, "api-key-hash")), so
// the server authenticates them like any key a person created.
import { deriveSecret, displayPrefix, generateApiKey, hashApiKey } from "@toolboxai/core";
import type { Database } from "@toolboxai/db";
import type { ApiScope } from "@toolboxai/validators";

export async function insertApiKeys(
  db: Database,
  secret: string,
  owners: Array<{ organizationId: string; userId: string; scopes: ApiScope[] }>,
): Promise<string[]> {
  const pepper = deriveSecret(secret, "api-key-hash");
  const keys = owners.map(() => generateApiKey());
  const rows = owners.map((o, i) => {
    const key = keys[i] as string;
    return {
      organizationId: o.organizationId,
      userId: o.userId,
      name: `bench ${i + 1}`,
      keyHash: hashApiKey(pepper, key),
      prefix: displayPrefix(key),
      scopes: o.scopes,
    };
  });
  await db.apiKey.createMany({ data: rows });
  return keys;
}
