module.exports = {
  displayName: 'api-shared-errors',
  preset: '../../../../jest.preset.js',
};
