export { default } from '../../libs/console/eslint.config.mjs';
