export * from './audit-context';
export * from './client';
export * from './migrate';
export * from './passwords';
export { migrationsFolder } from './paths';
export * as queries from './queries/index';
export * from './raw';
export * from './roles';
export { seedDemo } from './seed/demo';
