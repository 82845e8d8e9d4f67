module.exports = {
  displayName: 'api-health-feature',
  preset: '../../../../jest.preset.js',
};
