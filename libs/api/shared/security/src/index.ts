export * from './lib/denied-env';
export * from './lib/ip-classification';
export * from './lib/key-files';
export * from './lib/secret-box';
export * from './lib/stdio-guard';
export * from './lib/url-guard';
export * from './lib/storable-text';
