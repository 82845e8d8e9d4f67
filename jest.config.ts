import { getJestProjectsAsync } from '@nx/jest';
import type { Config } from 'jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.js'],
  // Integration and e2e files start databases and API processes; this bounds a hang, it measures nothing.
  testTimeout: 60_000,
});
