module.exports = {
  displayName: 'api-auth-data-access',
  preset: '../../../../jest.preset.js',
};
