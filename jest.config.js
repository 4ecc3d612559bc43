// Jest in ESM mode: @actions/core 3 and @actions/github 9 ship only ES modules.
// Sources import each other with `.ts` extensions so that Node 24 can also run them
// directly (the demo and benchmark scripts do); ts-jest rewrites those to `.js` on emit.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        useESM: true,
      },
    ],
  },
  testTimeout: 60000,
};
