module.exports = {
  displayName: 'api-auth-feature',
  preset: '../../../../jest.preset.js',
};
