module.exports = {
  displayName: 'api-gateway-feature',
  preset: '../../../../jest.preset.js',
};
