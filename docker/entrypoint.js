#!/usr/bin/env node
// The image's entry: `api`, `projector` or `cli ...` picks the compiled app. The app runs in this
// very process (no child), so SIGTERM from the container runtime reaches its shutdown hooks.
// Path aliases (@app/*) resolve through tsconfig-paths against dist (TS_NODE_BASEURL), as
// scripts/start.js does outside containers.
const { join } = require('node:path');

const APPS = ['api', 'projector', 'cli'];
const app = process.argv[2] ?? 'api';
if (!APPS.includes(app)) {
  process.stderr.write(`Unknown app "${app}": choose one of ${APPS.join(', ')}\n`);
  process.exit(2);
}
// The cli reads its own arguments from argv[2] on: drop the app's name.
process.argv.splice(2, 1);
// The compiled tree: TS_NODE_BASEURL (the image sets /app/dist), else ../dist.
const dist = (process.env.TS_NODE_BASEURL ??= join(__dirname, '..', 'dist'));
require('tsconfig-paths/register');
require(join(dist, 'apps', app, 'src', 'main.js'));
