module.exports = {
  displayName: 'api-shared-config',
  preset: '../../../../jest.preset.js',
};
