module.exports = {
  displayName: 'api-shared-http',
  preset: '../../../../jest.preset.js',
};
