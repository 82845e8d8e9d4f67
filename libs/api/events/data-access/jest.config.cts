module.exports = {
  displayName: 'api-events-data-access',
  preset: '../../../../jest.preset.js',
};
