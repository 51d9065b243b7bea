// Public surface of the numerics: pure TypeScript, Float64Array, no vscode / DOM imports.
export * from './matrix';
export * from './limits';
export * from './parseMatrix';
export * from './rational';
export * from './exactPinv';
export * from './svd';
export * from './pinv';
export * from './pinvRoutes';
export * from './linearSolve';
export * from './symmetricEigen';
export * from './hippo';
export * from './expm';
export * from './discretize';
export * from './kernel';
export * from './approximate';
