// Content items as MCP resources: `toolboxai://content/{id}`, the items the key's user may read
// (the content services decide, as for GET /content), each read as the JSON of the item with its
// body. Only for a key whose role and scopes allow reading content (what GET /content/{id} asks).
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { getContent, isDomainError, listContent, type ServiceContext } from "@toolboxai/core";
import { contentListInputSchema } from "@toolboxai/validators";

export const CONTENT_URI_TEMPLATE = "toolboxai://content/{id}";
const MIME_TYPE = "application/json";

/** How many items resources/list names: the most recent ones (a client reads any other by its URI). */
export const LISTED_CONTENT = 100;

/** MCP's code for a resource that does not exist (the specification's -32002). */
const RESOURCE_NOT_FOUND = -32002;

export const contentUri = (id: string) => `toolboxai://content/${encodeURIComponent(id)}`;

/** Whether the actor may read content: a teacher or admin, and for an API key the content:read scope. */
export function readsContent(actor: ServiceContext["actor"]): boolean {
  if (actor.role !== "TEACHER" && actor.role !== "ADMIN") return false;
  return !actor.apiKeyId || actor.scopes.includes("content:read");
}

export function registerContentResources(server: McpServer, ctx: ServiceContext): void {
  if (!readsContent(ctx.actor)) return;
  const template = new ResourceTemplate(CONTENT_URI_TEMPLATE, {
    list: async () => {
      const { items } = await listContent(ctx, contentListInputSchema.parse({ limit: LISTED_CONTENT }));
      return {
        resources: items.map((item) => ({
          uri: contentUri(item.id),
          name: item.title,
          title: item.title,
          description: [item.type.toLowerCase(), item.subject, item.gradeLevel, item.status.toLowerCase()]
            .filter(Boolean)
            .join(" · "),
          mimeType: MIME_TYPE,
        })),
      };
    },
  });
  server.registerResource(
    "content",
    template,
    {
      title: "Content item",
      description: "A lesson, quiz, activity or Roblox environment of your school, with its body, as JSON.",
      mimeType: MIME_TYPE,
    },
    async (uri, variables) => {
      const raw = variables.id;
      const id = decodeURIComponent((Array.isArray(raw) ? raw[0] : raw) ?? "");
      try {
        const item = await getContent(ctx, { contentId: id });
        return { contents: [{ uri: uri.href, mimeType: MIME_TYPE, text: JSON.stringify(item, null, 2) }] };
      } catch (error) {
        // The service's NOT_FOUND (another school's item, a deleted one) is MCP's "resource not found".
        if (isDomainError(error)) {
          throw new McpError(error.code === "NOT_FOUND" ? RESOURCE_NOT_FOUND : -32602, error.message, {
            uri: uri.href,
          });
        }
        throw error;
      }
    },
  );
}
