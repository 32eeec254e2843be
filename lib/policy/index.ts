export * from './types';
export * from './catalog';
export * from './defaults';
export * from './evaluate';
export * from './risk';
export * from './impact';
export * from './warnings';
