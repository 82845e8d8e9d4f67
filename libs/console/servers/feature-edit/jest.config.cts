module.exports = {
  displayName: 'console-servers-feature-edit',
  preset: '../../../../jest.preset.js',
};
