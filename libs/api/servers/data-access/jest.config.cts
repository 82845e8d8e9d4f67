module.exports = {
  displayName: 'api-servers-data-access',
  preset: '../../../../jest.preset.js',
};
