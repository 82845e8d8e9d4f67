module.exports = {
  displayName: 'api-events-feature',
  preset: '../../../../jest.preset.js',
};
