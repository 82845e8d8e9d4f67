module.exports = {
  displayName: 'console-shared-data-access',
  preset: '../../../../jest.preset.js',
};
