export * from './tables/index';
export * from './validators/index';
export * from './values';
