const nxPreset = require('@nx/jest/preset').default;

/** Every project compiles TypeScript with SWC (decorator metadata included) for speed. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    // @fastify/static ships an ESM-only content-disposition that Node 20.19+ loads with
    // require(esm) but Jest's module loader cannot; the CommonJS release has the same API.
    '^content-disposition$': require.resolve('content-disposition'),
  },
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
};
