import baseConfig from '../../../../eslint.config.mjs';

/**
 * The rooms of this library, lowest first. A room imports only from rooms below it, so the
 * supervisor can change without touching a run, and a run without touching the domain. The
 * use cases (commands, queries, controllers) at the top may import any room.
 */
const LAYERS = ['domain', 'process', 'mcp', 'run', 'logs', 'health', 'supervisor'];
const TOP = ['commands', 'queries', 'dto'];

const layerRules = LAYERS.map((layer, index) => ({
  files: [`src/lib/${layer}/**/*.ts`],
  // A test may drive several rooms together (a query over what the log sink stored).
  ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [...LAYERS.slice(index + 1), ...TOP].map((above) => ({
          group: [`../${above}/**`, `../../${above}/**`],
          message: `${layer}/ sits below ${above}/: move what both need down, or inject it.`,
        })),
      },
    ],
  },
}));

export default [...baseConfig, ...layerRules];
