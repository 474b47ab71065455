import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/conformance/**/*.test.ts',
      'test/property/**/*.test.ts',
      'test/fuzz/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
