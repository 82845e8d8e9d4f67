module.exports = {
  displayName: 'api-runtime-feature',
  preset: '../../../../jest.preset.js',
};
