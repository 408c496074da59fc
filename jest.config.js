// Three projects; the file suffix says the scope: *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// content-disposition (required by @fastify/static for the Swagger UI) ships only as an ES
// module, which jest's CommonJS runtime cannot require on Node 20: compile it like our sources.
const esmOnlyPackages = ['content-disposition'];
const swcForJs = [swc[0], { ...swc[1], jsc: { ...swc[1].jsc, parser: { syntax: 'ecmascript' } } }];

// The event store is reached through its entries only: the port, and one per adapter.
const aliases = {
  '^@app/(domain|application|event-store|consumers|read-models|messaging|platform|audit)$':
    '<rootDir>/libs/$1/src',
  '^@app/event-store/(sql|postgres|embedded|eventstoredb|upcasting|testing)$':
    '<rootDir>/libs/event-store/src/$1',
  '^@app/(domain|application|consumers|read-models|messaging|platform|audit)/(.*)$':
    '<rootDir>/libs/$1/src/$2',
  '^@test/support$': '<rootDir>/test/support',
  '^@test/support/(.*)$': '<rootDir>/test/support/$1',
};

const project = (displayName, suffix, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{apps,libs,test,bench}/**/*.${suffix}.spec.ts`],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: aliases,
  setupFiles: ['reflect-metadata'],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project('unit', 'unit'),
    project('int', 'int', {
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    }),
    project('e2e', 'e2e', {
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    }),
  ],
  collectCoverageFrom: [
    'libs/*/src/**/*.ts',
    'apps/*/src/**/*.ts',
    '!**/*.spec.ts',
    '!**/index.ts',
    '!**/testing/**',
  ],
  coverageReporters: ['text-summary', 'json-summary', 'lcov'],
  coverageThreshold: {
    './libs/domain/src/': { lines: 95, branches: 95 },
  },
  reporters: ['default', '<rootDir>/test/support/skip-summary-reporter.js'],
  // Jest's default is one worker less than the cores: one on this 2-core machine, where most
  // suites wait on PostgreSQL, Kafka or a child process. Two overlap those waits.
  maxWorkers: 2,
};
