module.exports = {
  displayName: 'console-servers-feature-list',
  preset: '../../../../jest.preset.js',
};
