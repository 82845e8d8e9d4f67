module.exports = {
  displayName: 'api-runtime-data-access',
  preset: '../../../../jest.preset.js',
};
