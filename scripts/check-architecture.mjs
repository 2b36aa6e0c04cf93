// `pnpm lint` runs this: the workspace's import rules, checked on every source file.
//   1. No app imports another app's source (by relative path or by package name), and no package
//      imports an app: what two apps need lives in a package.
//   2. packages/core (the domain) imports no transport or framework: no tRPC, Next, next-auth, React.
//   3. No import cycles inside a package or app (relative imports, type-only ones included).
// Prints every violation and exits 1 when there is one.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", "generated", "dist", "test-results", ".turbo"]);
const FORBIDDEN_IN_CORE = [/^@trpc\//, /^next($|\/)/, /^next-auth($|\/)/, /^react($|-dom|\/)/];

/** The workspace's projects: { dir, name, kind } for apps/*, packages/* and e2e. */
function projects() {
  const out = [];
  for (const kind of ["apps", "packages"]) {
    for (const entry of fs.readdirSync(path.join(root, kind), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(root, kind, entry.name);
      const pkg = path.join(dir, "package.json");
      if (!fs.existsSync(pkg)) continue;
      out.push({ dir, name: JSON.parse(fs.readFileSync(pkg, "utf8")).name, kind });
    }
  }
  out.push({ dir: path.join(root, "e2e"), name: "@toolboxai/e2e", kind: "e2e" });
  return out;
}

function sourceFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

// Static imports, re-exports, dynamic imports and vi.mock/importOriginal specifiers.
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']|(?:^|[\s;(])import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

function importsOf(file) {
  const text = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
  const specs = [];
  for (const m of text.matchAll(IMPORT)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

/** The file a relative specifier names, or null (a package, or a non-source asset). */
function resolveRelative(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, ...[".ts", ".tsx", ".mjs", ".js"].map((e) => base + e)];
  candidates.push(...["index.ts", "index.tsx"].map((i) => path.join(base, i)));
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, ".ts"));
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? null;
}

const all = projects();
const apps = all.filter((p) => p.kind === "apps");
const appNames = new Set(apps.map((a) => a.name));
const ownerOf = (file) => all.find((p) => file === p.dir || file.startsWith(p.dir + path.sep));
const problems = [];
const rel = (f) => path.relative(root, f);

for (const project of all) {
  const graph = new Map();
  for (const file of sourceFiles(project.dir)) {
    const edges = [];
    for (const spec of importsOf(file)) {
      if (spec.startsWith(".")) {
        const target = resolveRelative(file, spec);
        if (!target) continue;
        const owner = ownerOf(target);
        if (owner && owner !== project && owner.kind === "apps") {
          problems.push(`${rel(file)} imports another app's source: ${spec}`);
        } else if (owner === project) {
          edges.push(target);
        } else if (!owner || owner !== project) {
          problems.push(`${rel(file)} reaches outside its project by a relative path: ${spec}`);
        }
        continue;
      }
      const pkgName = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
      if (appNames.has(pkgName) && pkgName !== project.name) {
        problems.push(`${rel(file)} imports the app ${pkgName}: move what it needs into a package`);
      }
      if (project.name === "@toolboxai/core" && FORBIDDEN_IN_CORE.some((re) => re.test(spec))) {
        problems.push(`${rel(file)} imports ${spec}: packages/core stays free of transports and frameworks`);
      }
    }
    graph.set(file, edges);
  }
  for (const cycle of cyclesIn(graph)) {
    problems.push(`import cycle in ${project.name}: ${cycle.map(rel).join(" -> ")}`);
  }
}

/** Every elementary cycle found by a depth-first search (each reported once, from its first file). */
function cyclesIn(graph) {
  const cycles = [];
  const state = new Map(); // file -> "open" | "done"
  const stack = [];
  const seen = new Set();
  const visit = (file) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...cycle.slice(0, -1)].sort().join("|");
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

if (problems.length > 0) {
  console.error(`Architecture check failed (${problems.length}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(
  `Architecture check: ${all.length} projects, no cross-app imports, core is framework-free, no import cycles.`,
);
