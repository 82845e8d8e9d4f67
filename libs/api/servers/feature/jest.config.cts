module.exports = {
  displayName: 'api-servers-feature',
  preset: '../../../../jest.preset.js',
};
