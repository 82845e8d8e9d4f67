import nx from '@nx/eslint-plugin';
import baseConfig from '../../eslint.config.mjs';

/** The lint rules of every console project (the app and each libs/console library). */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'mf', style: 'camelCase' }],
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'mf', style: 'kebab-case' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      // Angular's Validators are static functions passed by reference.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
];
