module.exports = {
  displayName: 'console-gateway-feature',
  preset: '../../../../jest.preset.js',
};
