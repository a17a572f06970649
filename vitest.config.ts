import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // lab tests share 20 hosts and real sshd; run files one after another, tests inside them in order
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
