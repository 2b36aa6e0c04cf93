// Copies Swagger UI's browser bundle and stylesheet from swagger-ui-dist into public/docs-assets,
// so /docs serves them from our own origin (no CDN; the CSP allows only our scripts). Run by the
// `dev` and `build` scripts; the folder is git-ignored.
import { cp, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public/docs-assets");

await mkdir(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  await cp(path.join(source, file), path.join(target, file));
}
