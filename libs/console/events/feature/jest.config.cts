module.exports = {
  displayName: 'console-events-feature',
  preset: '../../../../jest.preset.js',
};
