module.exports = {
  displayName: 'console-servers-util',
  preset: '../../../../jest.preset.js',
};
