module.exports = {
  displayName: 'api-shared-database',
  preset: '../../../../jest.preset.js',
};
