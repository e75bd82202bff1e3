import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run thousands of cases; on a busy 2-core CI machine some take longer than
    // vitest's 5 s default. Speed goals live in the bench, never in test timeouts.
    testTimeout: 60_000,
    // Type tests (`*.test-d.ts`) run with `npm test` and count as tests.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    // `json` feeds .ci/run its pass/fail counts.
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/vitest.json' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'html', 'json-summary'],
      reportsDirectory: 'coverage',
      thresholds: { lines: 90 },
    },
  },
});
