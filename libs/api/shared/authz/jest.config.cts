module.exports = {
  displayName: 'api-shared-authz',
  preset: '../../../../jest.preset.js',
};
