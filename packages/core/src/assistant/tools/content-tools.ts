// The teacher's tools about the content library: search it, and read one item. Both go through
// the content services, so a teacher finds their own items and the published ones, as on the
// library page.
import {
  contentListInputSchema,
  contentToolInputSchema,
  openContentToolOutputSchema,
  searchContentToolInputSchema,
  searchContentToolOutputSchema,
} from "@toolboxai/validators";
import { getContent } from "../../content/content";
import { listContent } from "../../content/content-list";
import { bodyToText } from "../../content/content-text";
import { defineTool, TEACHING_ROLES } from "./types";

/** How many items a search returns: enough to choose from, few enough for the model's context. */
const SEARCH_LIMIT = 10;
/** How much of a body open_content passes on. */
const TEXT_LIMIT = 3000;

const contentHref = (id: string) => `/teacher/content/${id}`;

export const searchContent = defineTool({
  name: "search_content",
  title: "Search content",
  description: `Searches the content library (the teacher's own items and everything published in the school) by words and type; at most ${SEARCH_LIMIT} items, best match first. Use it before drafting something new, or to find an item to open.`,
  roles: TEACHING_ROLES,
  scopes: ["content:read"],
  input: searchContentToolInputSchema,
  output: searchContentToolOutputSchema,
  async run(ctx, input) {
    const list = await listContent(
      ctx,
      contentListInputSchema.parse({ search: input.query || undefined, type: input.type, limit: SEARCH_LIMIT }),
    );
    return {
      items: list.items.map((c) => ({
        id: c.id,
        title: c.title,
        type: c.type,
        status: c.status,
        subject: c.subject,
        gradeLevel: c.gradeLevel,
        href: contentHref(c.id),
      })),
    };
  },
  card: (input, output) => ({
    label: "Searched content",
    title: input.query ? `“${input.query}”` : "All content",
    href: "/teacher/content",
    detail: `${output.items.length} ${output.items.length === 1 ? "item" : "items"} found`,
  }),
});

export const openContent = defineTool({
  name: "open_content",
  title: "Open content",
  description:
    "Reads one content item: its title, type, status and the text of its body (cut short when long). Use it when the teacher asks about an item, or to build on an existing one.",
  roles: TEACHING_ROLES,
  scopes: ["content:read"],
  input: contentToolInputSchema,
  output: openContentToolOutputSchema,
  async run(ctx, input) {
    const item = await getContent(ctx, input);
    const text = bodyToText(item.type, item.body);
    return {
      id: item.id,
      title: item.title,
      type: item.type,
      status: item.status,
      subject: item.subject,
      gradeLevel: item.gradeLevel,
      description: item.description,
      text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}…` : text,
      href: contentHref(item.id),
    };
  },
  card: (_input, output) => ({
    label: `Opened ${output.type.toLowerCase()}`,
    title: output.title,
    href: output.href,
    detail: `${output.subject}, grade ${output.gradeLevel}, ${output.status.toLowerCase().replace("_", " ")}`,
  }),
});
