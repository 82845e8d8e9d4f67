module.exports = {
  displayName: 'console-servers-ui',
  preset: '../../../../jest.preset.js',
};
