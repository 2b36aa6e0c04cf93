// `apiKeys`: the key manager. Admins manage the organization's keys, teachers their own (see
// core's api-keys service); only a key's owner rotates it. Published in REST too, for people:
// the procedures declare no `scopes`, so an API key (even one with `admin`) is refused; a key
// that could mint keys would outlive its own revocation. A new key's secret is in the
// create/rotate answer, once.
import { apiKeyUsage, createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "@toolboxai/core";
import {
  apiKeyIdSchema,
  apiKeyListSchema,
  apiKeySchema,
  apiKeyUsageSchema,
  createApiKeySchema,
  createdApiKeySchema,
  revokeApiKeySchema,
  rotateApiKeySchema,
  rotatedApiKeySchema,
} from "@toolboxai/validators";
import type { ContextInner } from "../../context";
import { createTRPCRouter, roleProcedure } from "../../trpc";

const keyManagerProcedure = roleProcedure("ADMIN", "TEACHER");
const tags = ["api-keys"];

/** The "api-key-hash" secret the app put in the context (a context without one cannot make keys). */
function pepperOf(ctx: Pick<ContextInner, "apiKeyPepper">): Buffer {
  if (!ctx.apiKeyPepper) throw new Error("This context has no API key secret; pass `apiKeyPepper` to the context");
  return ctx.apiKeyPepper;
}

export const apiKeysRouter = createTRPCRouter({
  list: keyManagerProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/api-keys",
        tags,
        summary: "List API keys",
        description:
          "An admin sees every key of the organization, a teacher their own; the secrets are never shown again. Needs a person (a session or an app token): API keys cannot manage keys.",
        errorResponses: [401, 403, 429],
      },
    })
    .output(apiKeyListSchema)
    .query(({ ctx }) => listApiKeys(ctx.svc)),
  create: keyManagerProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/api-keys",
        tags,
        summary: "Create an API key",
        description:
          "The answer holds the key's secret: it is shown this once and only its hash is kept. Needs a person (a session or an app token): API keys cannot manage keys.",
        errorResponses: [400, 401, 403, 429],
      },
      successStatus: 201,
    })
    .input(createApiKeySchema)
    .output(createdApiKeySchema)
    .mutation(({ ctx, input }) => createApiKey(ctx.svc, input, { pepper: pepperOf(ctx) })),
  rotate: keyManagerProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/api-keys/{keyId}/rotate",
        tags,
        summary: "Rotate an API key",
        description:
          "Makes a replacement with the same name, scopes and allowlist (its secret shown once); the old key keeps working for the grace chosen. Only the key's owner may rotate it (an admin revokes others' keys instead); API keys cannot manage keys.",
        errorResponses: [400, 401, 403, 404, 409, 412, 429],
      },
      successStatus: 201,
    })
    .input(rotateApiKeySchema)
    .output(rotatedApiKeySchema)
    .mutation(({ ctx, input }) => rotateApiKey(ctx.svc, input, { pepper: pepperOf(ctx) })),
  revoke: keyManagerProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/api-keys/{keyId}/revoke",
        tags,
        summary: "Revoke an API key",
        description:
          "Refused from the next request on, on every instance. Admins revoke any key of the organization, teachers their own; API keys cannot manage keys.",
        errorResponses: [400, 401, 403, 404, 429],
      },
    })
    .input(revokeApiKeySchema)
    .output(apiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.svc, input)),
  usage: keyManagerProcedure
    .meta({
      openapi: {
        method: "GET",
        path: "/api-keys/{keyId}/usage",
        tags,
        summary: "An API key's usage",
        description:
          "Requests per UTC day over the last 30 days, per operation, with errors and rate-limited (429) answers. API keys cannot manage keys.",
        errorResponses: [400, 401, 403, 404, 429],
      },
    })
    .input(apiKeyIdSchema)
    .output(apiKeyUsageSchema)
    .query(({ ctx, input }) => apiKeyUsage(ctx.svc, input)),
});
