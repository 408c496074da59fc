import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      'data',
      '.tmp',
      'bench/results',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'No focused tests.',
        },
      ],
    },
  },
  {
    // Every pooled PostgreSQL connection needs its error listener from birth: pools come from
    // createPgPool only (libs/event-store/src/postgres/create-pg-pool.ts).
    files: ['**/*.ts'],
    ignores: ['libs/event-store/src/postgres/create-pg-pool.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'pg',
              importNames: ['Pool', 'default'],
              allowTypeImports: true,
              message:
                "Make pools with createPgPool (@app/event-store/postgres): it handles every connection's errors.",
            },
            ...['node:async_hooks', 'async_hooks'].map((name) => ({
              name,
              importNames: ['AsyncLocalStorage', 'createHook'],
              message:
                'No context store: on Node 20 it hooks every promise of the process (a tenth of a cancel). Pass the value (e.g. resolveCorrelationId(request.raw)).',
            })),
          ],
          patterns: [
            {
              group: ['@app/event-store/*/**'],
              message:
                'Import the event store through its entries: @app/event-store (the port), /sql, /postgres, /embedded, /eventstoredb, /upcasting, /testing.',
            },
          ],
        },
      ],
    },
  },
  {
    // The port entry loads no driver: importing an error must not load pg, PGlite and the gRPC
    // client. Adapters are entries of their own (@app/event-store/postgres, ...).
    files: ['libs/event-store/src/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*', '!./port', '!./logging', '!./pause', '!./with-timeout'],
              message:
                'The port entry (@app/event-store) holds the port, its errors, checkAppend, the logger interface, pause and withTimeout only: an adapter is its own entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/event-store/src/port/**/*.ts',
      'libs/event-store/src/pause.ts',
      'libs/event-store/src/with-timeout.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '@app/*', 'pg', '@electric-sql/*', '@eventstore/*', '@grpc/*'],
              message: 'The event store port imports nothing of an adapter or a driver.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: no framework, no I/O, nothing of ours but itself.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@app/*',
                '@test/*',
                '../../*',
                '@nestjs/*',
                'node:*',
                'fs',
                'path',
                'http',
                'crypto',
                'pg',
                'kafkajs',
                '@eventstore/*',
                '@electric-sql/*',
                'rxjs',
              ],
              message: 'libs/domain imports nothing outside itself.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock reads in the domain: time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock reads in the domain: time comes in as an argument.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain is deterministic.',
        },
      ],
    },
  },
  {
    // The consumer core: the log, the domain's vocabulary and SQL; nothing of its consumers.
    files: ['libs/consumers/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@app/read-models*',
                '@app/messaging*',
                '@app/application*',
                '@app/platform*',
              ],
              message:
                'libs/consumers is the core its consumers build on: it imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    // The application owns the read side's contract (src/ports); the read models implement it.
    files: ['libs/application/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/read-models*'],
              message:
                "The read models implement the application's ReadSide port: the application imports nothing of them.",
            },
          ],
        },
      ],
    },
  },
  {
    // @app/application/ports is what the read models load of the application: types, symbols
    // and small errors, no framework and no adapter.
    files: ['libs/application/src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                '@app/read-models*',
                '@app/platform*',
                '@app/audit*',
                '@app/messaging*',
                '@app/consumers*',
                '@app/event-store/*',
                'pg',
                'kafkajs',
              ],
              message:
                'The ports entry loads no NestJS and nothing heavy: types and small values only.',
            },
          ],
        },
      ],
    },
  },
  {
    // A consumer of the log on the core: it reads the domain and the log, and does not depend
    // on the platform or the other consumers. Of the application it sees the ReadSide port it
    // implements, through the entry that loads no NestJS.
    files: ['libs/read-models/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/platform*', '@app/messaging*'],
              message: 'libs/read-models builds on the core and the domain only.',
            },
            {
              regex: '^@app/application(?!/ports$)',
              message:
                'libs/read-models implements the ReadSide port: import it from @app/application/ports only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Its specs are held to the same arrow into the application (the import graph test too).
    files: ['libs/read-models/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@app/application(?!/ports$)',
              message:
                'libs/read-models implements the ReadSide port: import it from @app/application/ports only.',
            },
          ],
        },
      ],
    },
  },
  {
    // A consumer of the log on the core: it reads the domain and the log, and does not depend
    // on the application, the platform or the other consumers.
    files: ['libs/messaging/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/application*', '@app/platform*', '@app/read-models*'],
              message: 'libs/messaging builds on the core and the domain only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
