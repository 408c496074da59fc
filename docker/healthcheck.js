#!/usr/bin/env node
// The container health check: the app's readiness (/health/ready) on its port. Exit 0 healthy,
// 1 not. The port is the first argument, else $PORT, else 3000. Uses Node's own fetch: the slim
// base image has no curl.
const port = process.argv[2] ?? process.env.PORT ?? '3000';
const path = process.env.HEALTHCHECK_PATH ?? '/health/ready';

fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(4000) })
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));
