/** Tests run TypeScript through ts-jest, transpile-only since tsconfig sets isolatedModules (`tsc --noEmit` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
