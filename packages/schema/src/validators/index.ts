export * from './appointments';
export * from './audit';
export * from './auth';
export * from './common';
export * from './medical-records';
export * from './owners';
export * from './patients';
export * from './users';
