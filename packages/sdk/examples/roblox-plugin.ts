// What a Roblox Studio plugin's companion does: list the organization's Roblox environments and
// download one as a Rojo project (a zip to unpack and `rojo serve`).
//
//   TOOLBOX_URL=https://toolbox.example.org TOOLBOX_API_KEY=tbx_live_… \
//     pnpm --filter @toolboxai/sdk exec tsx examples/roblox-plugin.ts [environmentId] [--out dir]
//
// The key needs the `content:read` and `roblox:read` scopes. Without an id it downloads the
// most recently updated environment.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createToolboxClient, ToolboxApiError } from "@toolboxai/sdk";
import { exampleEnv } from "./env";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string", default: "." }, search: { type: "string" } },
});
const env = exampleEnv();
const toolbox = createToolboxClient({ baseUrl: env.url, apiKey: env.apiKey, serviceName: "roblox-plugin-example" });

try {
  const { items } = await toolbox.get("/roblox/environments", {
    params: { query: { limit: 20, ...(values.search ? { search: values.search } : {}) } },
  });
  console.log(`${items.length} environment(s):`);
  for (const environment of items) {
    console.log(`  ${environment.id}  ${environment.title}  [${environment.status}]`);
  }
  const environmentId = positionals[0] ?? items[0]?.id;
  if (!environmentId) {
    console.log("Nothing to download: create a Roblox environment first.");
    process.exit(0);
  }
  const project = await toolbox.downloadRojoProject(environmentId);
  await mkdir(values.out, { recursive: true });
  const file = path.join(values.out, project.filename);
  await writeFile(file, project.bytes);
  console.log(`Saved ${file} (${project.bytes.byteLength} bytes, ${project.contentType})`);
} catch (error) {
  if (error instanceof ToolboxApiError) {
    console.error(`${error.status} ${error.code}: ${error.detail ?? error.title} (request ${error.requestId})`);
    process.exit(1);
  }
  throw error;
}
