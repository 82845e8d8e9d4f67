module.exports = {
  displayName: 'api-shared-testing',
  preset: '../../../../jest.preset.js',
};
