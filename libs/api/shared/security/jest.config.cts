module.exports = {
  displayName: 'api-shared-security',
  preset: '../../../../jest.preset.js',
};
